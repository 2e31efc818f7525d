import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** Repository root: this file runs from tools/deploy/dist/. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Every document of a YAML file, as plain values; a syntax error fails with the file and the problem. */
export function readYamlDocuments(path: string): unknown[] {
  const documents = parseAllDocuments(readText(path));
  const list = Array.isArray(documents) ? documents : [documents];
  const out: unknown[] = [];
  for (const document of list) {
    if (document.errors.length > 0) {
      throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** A YAML file that holds exactly one document. */
export function readYaml(path: string): unknown {
  const [first, ...rest] = readYamlDocuments(path);
  if (first === undefined || rest.length > 0) throw new Error(`${path}: expected one YAML document`);
  return first;
}
