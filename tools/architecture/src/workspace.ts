// Reads the monorepo from disk for the architecture invariants: its projects (project.json +
// package.json) and, per source file, the module specifiers it imports and the string literals it
// writes. Parsing uses the TypeScript parser (syntax only, no type-check), so multi-line imports,
// `export … from`, `import()` and `import type` are all seen, and comments are not mistaken for
// code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root: this file compiles to tools/architecture/dist/workspace.js. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Folders that hold projects, one per immediate sub-folder (ARCHITECTURE "Where things live"). */
export const PROJECT_FOLDERS = ['apps', 'libs', 'simulators'] as const;

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'tmp', '.nx']);
const SOURCE_FILE = /\.(?:ts|mts|cts|tsx)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/;
const TEST_FILE = /\.(?:spec|test|e2e-spec)\.(?:ts|mts|cts|tsx)$/;
const TEST_HELPER = /(?:^|\/)spec-[^/]*\.(?:ts|mts|cts|tsx)$/;

export interface Project {
  /** Path from the repository root, with forward slashes: `libs/contracts`. */
  readonly root: string;
  /** `projects` folder it sits in: apps, libs, simulators (or tools/tests for extra projects). */
  readonly folder: string;
  readonly hasProjectJson: boolean;
  readonly name: string | undefined;
  readonly tags: readonly string[];
  /** `name` from its package.json: what other projects import it as. */
  readonly packageName: string | undefined;
}

export interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  readonly path: string;
  readonly isTest: boolean;
  readonly imports: readonly Located[];
  readonly strings: readonly Located[];
}

export interface Located {
  readonly text: string;
  readonly line: number;
}

const toPosix = (path: string): string => path.split(sep).join('/');

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function stringField(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}

function stringArrayField(value: unknown, field: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const found = (value as Record<string, unknown>)[field];
  return Array.isArray(found) ? found.filter((item): item is string => typeof item === 'string') : [];
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function readProject(root: string): Project {
  const absolute = join(repoRoot, root);
  const projectJsonPath = join(absolute, 'project.json');
  const packageJsonPath = join(absolute, 'package.json');
  const projectJson = existsSync(projectJsonPath) ? readJson(projectJsonPath) : undefined;
  const packageJson = existsSync(packageJsonPath) ? readJson(packageJsonPath) : undefined;
  return {
    root,
    folder: root.split('/')[0] ?? root,
    hasProjectJson: projectJson !== undefined,
    name: stringField(projectJson, 'name'),
    tags: stringArrayField(projectJson, 'tags'),
    packageName: stringField(packageJson, 'name'),
  };
}

/** Every immediate sub-folder of apps/, libs/ and simulators/, whether or not it is complete yet. */
export function listProjects(): Project[] {
  return PROJECT_FOLDERS.flatMap((folder) => {
    const absolute = join(repoRoot, folder);
    if (!isDirectory(absolute)) return [];
    return readdirSync(absolute)
      .filter((entry) => !entry.startsWith('.') && isDirectory(join(absolute, entry)))
      .sort()
      .map((entry) => readProject(`${folder}/${entry}`));
  });
}

/** Projects outside those folders: tools/* and tests/, wherever a project.json says so. */
export function listExtraProjects(): Project[] {
  const tools = join(repoRoot, 'tools');
  const candidates = [
    ...(isDirectory(tools)
      ? readdirSync(tools)
          .sort()
          .map((entry) => `tools/${entry}`)
      : []),
    'tests',
  ];
  return candidates.filter((root) => existsSync(join(repoRoot, root, 'project.json'))).map(readProject);
}

function walk(absoluteDir: string, found: string[]): void {
  for (const entry of readdirSync(absoluteDir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(absoluteDir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name))
      found.push(path);
  }
}

/** Source file paths (from the repository root) under a folder, skipping dist/ and node_modules/. */
export function listSourcePaths(folder: string): string[] {
  const absolute = join(repoRoot, folder);
  if (!isDirectory(absolute)) return [];
  const found: string[] = [];
  walk(absolute, found);
  return found.map((path) => toPosix(relative(repoRoot, path))).sort();
}

const parsed = new Map<string, SourceFile>();

/** Imports and string literals of one file (cached: several invariants read the same files). */
export function readSource(path: string): SourceFile {
  const cached = parsed.get(path);
  if (cached) return cached;
  const text = readFileSync(join(repoRoot, path), 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Located[] = [];
  const strings: Located[] = [];
  const at = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifierOf(node);
    if (specifier) imports.push({ text: specifier.text, line: at(specifier) });
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      // Raw text, so a template keeps its `${…}` placeholders.
      strings.push({ text: node.getText(source), line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const result: SourceFile = { path, isTest: isTestPath(path), imports, strings };
  parsed.set(path, result);
  return result;
}

/** The module specifier a node names, for every way TypeScript lets a file depend on a module. */
function moduleSpecifierOf(node: ts.Node): ts.StringLiteral | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier : undefined;
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const expression = node.moduleReference.expression;
    return ts.isStringLiteral(expression) ? expression : undefined;
  }
  if (ts.isCallExpression(node)) {
    const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
    const first = node.arguments[0];
    if ((isDynamicImport || isRequire) && first && ts.isStringLiteral(first)) return first;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const literal = node.argument.literal;
    return ts.isStringLiteral(literal) ? literal : undefined;
  }
  return undefined;
}

/**
 * Test code: spec/test files anywhere, test-only helpers named `spec-*.ts`, and the system tests
 * folder. Keep in step with SPEC_FILES in eslint.config.mjs.
 */
export function isTestPath(path: string): boolean {
  return TEST_FILE.test(path) || TEST_HELPER.test(path) || path.startsWith('tests/');
}

/** `@scope/name/deep/path` → `@scope/name`; `pkg/sub` → `pkg`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** `path:line  text`, one per line, for assertion messages. */
export function describeHits(hits: readonly { path: string; line: number; text: string }[]): string {
  return hits.map((hit) => `  ${hit.path}:${hit.line}  ${hit.text}`).join('\n');
}
