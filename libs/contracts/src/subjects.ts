/** Default subject prefix; `GATEWAY_SUBJECT_PREFIX` overrides it so test runs can share one NATS server. */
export const DEFAULT_SUBJECT_PREFIX = 'gw';

/** Version segment of every subject; a breaking change to a message shape bumps it. */
export const BUS_VERSION = 'v1';

const PREFIX_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const CONNECTOR_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** True when `prefix` is usable as the first tokens of a NATS subject (no wildcards, no empty tokens). */
export function isValidSubjectPrefix(prefix: string): boolean {
  return PREFIX_PATTERN.test(prefix);
}

/** True when `name` is a valid connector name (`homeassistant`, `erpnext`, …): one lowercase subject token. */
export function isValidConnectorName(name: string): boolean {
  return CONNECTOR_NAME_PATTERN.test(name);
}

/** A replica's instance id: one subject token (it names `…instance.<id>.ping`), no dots or wildcards. */
export const INSTANCE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const INSTANCE_ID = new RegExp(INSTANCE_ID_PATTERN);

/** True when `id` can name a replica in subjects (`…instance.<id>.ping`). */
export function isValidInstanceId(id: string): boolean {
  return INSTANCE_ID.test(id);
}

/**
 * The name of a JetStream stream or KV bucket of this installation: the subject prefix made a valid name
 * (dots and other characters become `_`) and a suffix, e.g. `gw_auth`, `gw_audit`.
 */
export function jetStreamName(prefix: string, suffix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, '_')}_${suffix}`;
}

/** Joins a prefix and the version with the given tokens: `subject('gw', 'registry', 'announce')` → `gw.v1.registry.announce`. */
export function subject(prefix: string, ...tokens: string[]): string {
  return [prefix, BUS_VERSION, ...tokens].join('.');
}

/** Queue group shared by every replica of one connector, so each request reaches exactly one replica. */
export function connectorQueueGroup(prefix: string, connector: string): string {
  return `${prefix}.connector.${connector}`;
}

/** Queue group shared by every replica of the auth service. */
export function authQueueGroup(prefix: string): string {
  return `${prefix}.auth`;
}
