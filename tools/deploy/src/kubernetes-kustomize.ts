import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isRecord, list, podSpecOf, type KubeObject } from './kubernetes-objects.js';

/**
 * A small `kustomize build` for the features deploy/kustomization.yaml uses, because neither kubectl nor
 * kustomize is available where the tests run. Anything else in a kustomization fails loudly rather than being
 * skipped, so the test never validates something other than what `kubectl apply -k` would apply.
 *
 * Supported: resources (files and directories), components, configMapGenerator and secretGenerator (files,
 * literals, envs, options), generatorOptions, namespace, labels (without includeSelectors) and images. Generated
 * names get a content-hash suffix and references from pod specs follow them, as in kustomize; the hash itself is
 * not kustomize's (only its presence matters here).
 */
export interface BuildOptions {
  /** Components applied as if listed in the root's `components:` (relative to the root). */
  readonly components?: readonly string[];
  /** Reads a generator's source file (absolute path). Default: the file itself. */
  readonly readSource?: (path: string) => string;
}

export function kustomizeBuild(root: string, options: BuildOptions = {}): KubeObject[] {
  const read = options.readSource ?? ((path: string) => readFileSync(path, 'utf8'));
  const built = build(resolve(root), 'Kustomization', options.components ?? [], read);
  applyHashSuffixes(built);
  return built.map((resource) => resource.object);
}

interface Resource {
  readonly object: KubeObject;
  /** Set on generated ConfigMaps and Secrets whose name gets the content hash. */
  readonly hashed: boolean;
}

const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'labels',
  'images',
  'resources',
  'components',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);
/** A component here only adds objects: transformers in it would need kustomize's ordering rules. */
const COMPONENT_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'configMapGenerator',
  'secretGenerator',
]);

function build(
  dir: string,
  kind: 'Kustomization' | 'Component',
  extraComponents: readonly string[],
  read: (path: string) => string,
): Resource[] {
  const file = kustomizationFile(dir);
  const spec = readSingleYaml(file);
  if (spec['kind'] !== kind) throw new Error(`${file}: expected kind ${kind}, got ${String(spec['kind'])}`);
  const allowed = kind === 'Component' ? COMPONENT_FIELDS : KUSTOMIZATION_FIELDS;
  for (const field of Object.keys(spec)) {
    if (!allowed.has(field))
      throw new Error(`${file}: '${field}' is not supported by kubernetes-kustomize.ts`);
  }
  const out: Resource[] = [];
  for (const entry of strings(spec['resources'], `${file}: resources`)) {
    const path = resolve(dir, entry);
    if (existsSync(path) && statSync(path).isDirectory()) out.push(...build(path, 'Kustomization', [], read));
    else out.push(...readObjects(within(dir, entry, file)).map((object) => ({ object, hashed: false })));
  }
  for (const entry of [...strings(spec['components'], `${file}: components`), ...extraComponents]) {
    out.push(...build(resolve(dir, entry), 'Component', [], read));
  }
  const defaults = isRecord(spec['generatorOptions']) ? spec['generatorOptions'] : {};
  for (const generator of list(spec['configMapGenerator'])) {
    out.push(generate('ConfigMap', generator, defaults, dir, file, read));
  }
  for (const generator of list(spec['secretGenerator'])) {
    out.push(generate('Secret', generator, defaults, dir, file, read));
  }
  if (typeof spec['namespace'] === 'string') setNamespace(out, spec['namespace']);
  for (const entry of list(spec['labels'])) addLabels(out, entry, file);
  for (const entry of list(spec['images'])) setImage(out, entry, file);
  return out;
}

function kustomizationFile(dir: string): string {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

/** kustomize's default load restriction: a kustomization reads files only from below its own directory. */
function within(dir: string, entry: string, file: string): string {
  const path = resolve(dir, entry);
  const rel = relative(dir, path);
  if (isAbsolute(entry) || rel.startsWith('..')) {
    throw new Error(
      `${file}: '${entry}' is outside the kustomization directory; kustomize refuses to load it`,
    );
  }
  return path;
}

function readSingleYaml(path: string): Record<string, unknown> {
  const [document, ...rest] = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!document || rest.length > 0) throw new Error(`${path}: expected one YAML document`);
  if (document.errors.length > 0)
    throw new Error(`${path}: ${document.errors[0]?.message ?? 'invalid YAML'}`);
  const value: unknown = document.toJS();
  if (!isRecord(value)) throw new Error(`${path}: expected a mapping`);
  return value;
}

function readObjects(path: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (document.errors.length > 0)
      throw new Error(`${path}: ${document.errors[0]?.message ?? 'invalid YAML'}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isKubeObject(value))
      throw new Error(`${path}: a document without apiVersion, kind and metadata.name`);
    out.push(value);
  }
  return out;
}

function isKubeObject(value: unknown): value is KubeObject {
  return (
    isRecord(value) &&
    typeof value['apiVersion'] === 'string' &&
    typeof value['kind'] === 'string' &&
    isRecord(value['metadata']) &&
    typeof value['metadata']['name'] === 'string'
  );
}

function strings(value: unknown, where: string): string[] {
  const values = list(value);
  if (!values.every((v) => typeof v === 'string')) throw new Error(`${where}: expected a list of strings`);
  return values;
}

// ----------------------------------------------------------------------------------------------- generators

const GENERATOR_FIELDS = new Set(['name', 'files', 'literals', 'envs', 'options', 'type']);
const OPTION_FIELDS = new Set(['labels', 'annotations', 'disableNameSuffixHash']);

function generate(
  kind: 'ConfigMap' | 'Secret',
  generator: unknown,
  defaults: Record<string, unknown>,
  dir: string,
  file: string,
  read: (path: string) => string,
): Resource {
  if (!isRecord(generator) || typeof generator['name'] !== 'string') {
    throw new Error(`${file}: a ${kind} generator needs a name`);
  }
  const where = `${file}: ${kind} ${generator['name']}`;
  const options = { ...defaults, ...(isRecord(generator['options']) ? generator['options'] : {}) };
  for (const field of [...Object.keys(generator), ...Object.keys(options)]) {
    if (!GENERATOR_FIELDS.has(field) && !OPTION_FIELDS.has(field))
      throw new Error(`${where}: '${field}' unsupported`);
  }
  if (kind === 'ConfigMap' && generator['type'] !== undefined)
    throw new Error(`${where}: type is for Secrets`);
  const data = new Map<string, string>();
  const put = (key: string, value: string): void => {
    if (data.has(key)) throw new Error(`${where}: key ${key} appears twice`);
    data.set(key, value);
  };
  for (const entry of strings(generator['envs'], `${where}: envs`)) {
    for (const [key, value] of parseEnvFile(read(within(dir, entry, file)), `${where}: ${entry}`))
      put(key, value);
  }
  for (const entry of strings(generator['files'], `${where}: files`)) {
    const [key, path] = entry.includes('=') ? splitOnce(entry, '=') : [basename(entry), entry];
    put(key, read(within(dir, path, file)));
  }
  for (const entry of strings(generator['literals'], `${where}: literals`)) put(...splitOnce(entry, '='));
  const values = Object.fromEntries(data);
  const metadata = {
    name: generator['name'],
    ...(isRecord(options['labels']) ? { labels: { ...(options['labels'] as Record<string, string>) } } : {}),
    ...(isRecord(options['annotations'])
      ? { annotations: { ...(options['annotations'] as Record<string, string>) } }
      : {}),
  };
  const object: KubeObject =
    kind === 'ConfigMap'
      ? { apiVersion: 'v1', kind, metadata, data: values }
      : {
          apiVersion: 'v1',
          kind,
          metadata,
          type: typeof generator['type'] === 'string' ? generator['type'] : 'Opaque',
          data: Object.fromEntries([...data].map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
        };
  return { object, hashed: options['disableNameSuffixHash'] !== true };
}

/**
 * kustomize's env-file format: `KEY=value` lines, `#` comments and blank lines skipped, leading whitespace
 * ignored, the value kept verbatim. A bare `KEY` (kustomize would copy it from the shell environment, which
 * makes the output depend on who runs it) and quoted values (kept with their quotes) are refused.
 */
export function parseEnvFile(text: string, where: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) continue;
    if (!line.includes('=')) throw new Error(`${where}:${index + 1}: expected KEY=value`);
    const [key, value] = splitOnce(line, '=');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`${where}:${index + 1}: invalid key "${key}"`);
    if (/^["']/.test(value))
      throw new Error(`${where}:${index + 1}: quotes would become part of ${key}'s value`);
    out.push([key, value]);
  }
  return out;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

// --------------------------------------------------------------------------------------------- transformers

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
]);

function setNamespace(resources: Resource[], namespace: string): void {
  for (const { object } of resources) {
    if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = namespace;
  }
}

function addLabels(resources: Resource[], entry: unknown, file: string): void {
  if (!isRecord(entry) || !isRecord(entry['pairs'])) throw new Error(`${file}: labels entries need pairs`);
  if (entry['includeSelectors'] === true)
    throw new Error(`${file}: labels.includeSelectors is not supported`);
  const pairs = entry['pairs'] as Record<string, string>;
  for (const { object } of resources) {
    object.metadata.labels = { ...object.metadata.labels, ...pairs };
    const template = isRecord(object['spec']) ? object['spec']['template'] : undefined;
    if (entry['includeTemplates'] === true && isRecord(template)) {
      const metadata = isRecord(template['metadata']) ? template['metadata'] : {};
      template['metadata'] = { ...metadata, labels: { ...(metadata['labels'] as object), ...pairs } };
    }
  }
}

function setImage(resources: Resource[], entry: unknown, file: string): void {
  if (!isRecord(entry) || typeof entry['name'] !== 'string')
    throw new Error(`${file}: images entries need a name`);
  for (const { object } of resources) {
    const pod = podSpecOf(object);
    for (const container of [...list(pod?.['containers']), ...list(pod?.['initContainers'])]) {
      if (!isRecord(container) || typeof container['image'] !== 'string') continue;
      const image = parseImage(container['image']);
      if (image.name !== entry['name']) continue;
      const name = typeof entry['newName'] === 'string' ? entry['newName'] : image.name;
      if (typeof entry['digest'] === 'string') container['image'] = `${name}@${entry['digest']}`;
      else if (typeof entry['newTag'] === 'string') container['image'] = `${name}:${entry['newTag']}`;
      else container['image'] = `${name}${image.suffix}`;
    }
  }
}

/** `registry:5000/name:tag@digest` → its name and the `:tag`/`@digest` suffix. */
function parseImage(image: string): { name: string; suffix: string } {
  const at = image.indexOf('@');
  const withoutDigest = at === -1 ? image : image.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  const end = colon > withoutDigest.lastIndexOf('/') ? colon : withoutDigest.length;
  return { name: image.slice(0, end), suffix: image.slice(end) };
}

// ------------------------------------------------------------------------------------------ name references

/** Appends the content hash to generated names and renames the pod-spec references to them. */
function applyHashSuffixes(resources: Resource[]): void {
  const renamed = new Map<string, string>();
  for (const { object, hashed } of resources) {
    if (!hashed) continue;
    const hash = createHash('sha256')
      .update(JSON.stringify([object.kind, object.metadata.name, object['data'], object['type']]))
      .digest('hex')
      .slice(0, 10);
    const name = `${object.metadata.name}-${hash}`;
    renamed.set(referenceKey(object.kind, object.metadata.namespace, object.metadata.name), name);
    object.metadata.name = name;
  }
  for (const { object } of resources) {
    const pod = podSpecOf(object);
    if (pod) renameReferences(pod, object.metadata.namespace, renamed);
  }
}

function referenceKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function renameReferences(
  pod: Record<string, unknown>,
  namespace: string | undefined,
  renamed: Map<string, string>,
): void {
  const rename = (holder: unknown, kind: 'ConfigMap' | 'Secret', field: string): void => {
    if (!isRecord(holder) || typeof holder[field] !== 'string') return;
    holder[field] = renamed.get(referenceKey(kind, namespace, holder[field])) ?? holder[field];
  };
  for (const volume of list(pod['volumes']).filter(isRecord)) {
    rename(volume['configMap'], 'ConfigMap', 'name');
    rename(volume['secret'], 'Secret', 'secretName');
    const projected = isRecord(volume['projected']) ? volume['projected'] : {};
    for (const source of list(projected['sources']).filter(isRecord)) {
      rename(source['configMap'], 'ConfigMap', 'name');
      rename(source['secret'], 'Secret', 'name');
    }
  }
  for (const container of [...list(pod['containers']), ...list(pod['initContainers'])].filter(isRecord)) {
    for (const env of list(container['env']).filter(isRecord)) {
      const from = isRecord(env['valueFrom']) ? env['valueFrom'] : {};
      rename(from['configMapKeyRef'], 'ConfigMap', 'name');
      rename(from['secretKeyRef'], 'Secret', 'name');
    }
    for (const source of list(container['envFrom']).filter(isRecord)) {
      rename(source['configMapRef'], 'ConfigMap', 'name');
      rename(source['secretRef'], 'Secret', 'name');
    }
  }
}
