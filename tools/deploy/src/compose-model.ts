import { parse } from 'yaml';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { interpolateDocument, type EnvValues } from './compose-interpolate.js';
import { readText } from './files.js';

// Both are CommonJS modules whose `module.exports` also carries the class/plugin as `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** The parts of a Compose service the checks read; the schema has vouched for the shapes. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: string | { readonly context?: string };
  readonly command?: string | readonly string[];
  readonly container_name?: string;
  readonly hostname?: string;
  readonly ports?: readonly (string | number | { readonly host_ip?: string; readonly published?: string })[];
  readonly environment?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
  readonly secrets?: readonly (string | { readonly source: string; readonly target?: string })[];
  readonly profiles?: readonly string[];
  readonly healthcheck?: { readonly test?: string | readonly string[]; readonly disable?: boolean };
  readonly depends_on?: readonly string[] | Readonly<Record<string, { readonly condition?: string }>>;
  readonly volumes?: readonly (string | { readonly source?: string; readonly target?: string })[];
  readonly restart?: string;
  readonly stop_grace_period?: string;
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
  readonly secrets?: Readonly<Record<string, { readonly file?: string }>>;
}

export const COMPOSE_PATH = 'docker-compose.yml';

/** docker-compose.yml as YAML, merge keys (`<<`) resolved, before interpolation. */
export function readComposeDocument(): unknown {
  return parse(readText(COMPOSE_PATH), { merge: true }) as unknown;
}

/** docker-compose.yml as Compose sees it with `env` as its `.env`; throws on a schema error. */
export function loadCompose(env: EnvValues): ComposeFile {
  const document = interpolateDocument(readComposeDocument(), env);
  const errors = composeSchemaErrors(document);
  if (errors.length > 0) throw new Error(`${COMPOSE_PATH}: ${errors.join('; ')}`);
  return document as ComposeFile;
}

let validator: ((document: unknown) => string[]) | undefined;

/**
 * Errors against the Compose Specification's JSON schema, as dclint ships it (draft-07). Its `$schema`
 * names the draft by an https URL Ajv does not know, so it is dropped: Ajv's default is draft-07.
 */
export function composeSchemaErrors(document: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readText('node_modules/dclint/schemas/compose.schema.json')) as Record<
      string,
      unknown
    >;
    delete schema['$schema'];
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    validator = (value) =>
      validate(value)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
  return validator(document);
}

/** A service's environment as a map, from either the map or the `KEY=VALUE` list syntax. */
export function environmentOf(service: ComposeService): Map<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return new Map(
      (env as readonly string[]).map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return new Map(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** Where each secret a service mounts appears: `/run/secrets/<target or name>` → the declared secret. */
export function mountedSecrets(service: ComposeService): Map<string, string> {
  return new Map(
    (service.secrets ?? []).map((secret) => {
      const source = typeof secret === 'string' ? secret : secret.source;
      const target = typeof secret === 'string' ? secret : (secret.target ?? secret.source);
      return [target.startsWith('/') ? target : `/run/secrets/${target}`, source];
    }),
  );
}

export interface PublishedPort {
  /** The host address, '' for every interface. */
  readonly hostIp: string;
  readonly published: string;
  readonly target: string;
  readonly protocol: string;
}

/** The host side of `ports`: `[ip:][published:]target[/protocol]`, IPv6 addresses in brackets. */
export function publishedPorts(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        hostIp: port.host_ip ?? '',
        published: String(port.published ?? ''),
        target: '',
        protocol: '',
      };
    }
    const [spec = '', protocol = 'tcp'] = String(port).split('/');
    const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    const parts = ipv6 ? [ipv6[1] ?? '', ...(ipv6[2] ?? '').split(':')] : spec.split(':');
    const target = parts.pop() ?? '';
    const published = parts.pop() ?? '';
    return { hostIp: parts.join(':'), published, target, protocol };
  });
}

/** `command` as a list, from either syntax. */
export function commandOf(service: ComposeService): readonly string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : command;
}

/** Compose durations such as `35s`, `1m30s`, in milliseconds. */
export function composeDurationMs(value: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(match[1]) * (units[match[2] ?? ''] ?? Number.NaN);
  }
  return total;
}
