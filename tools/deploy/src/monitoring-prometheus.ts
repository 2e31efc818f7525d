import { readYaml } from './files.js';

/**
 * Typed views of deploy/prometheus/prometheus.yml and alerts.yml for the checks: each reader fails with the
 * file and the offending path instead of letting a misspelt key through as `undefined`.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(record: unknown, key: string, where: string): unknown {
  if (!isRecord(record)) throw new Error(`${where}: expected a mapping`);
  return record[key];
}

export function stringField(record: unknown, key: string, where: string): string {
  const value = field(record, key, where);
  if (typeof value !== 'string' || value === '') throw new Error(`${where}.${key}: expected a string`);
  return value;
}

export function listField(record: unknown, key: string, where: string): unknown[] {
  const value = field(record, key, where) ?? [];
  if (!Array.isArray(value)) throw new Error(`${where}.${key}: expected a list`);
  return value;
}

export interface AlertRule {
  readonly group: string;
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: string;
  readonly summary: string;
  readonly description: string;
}

export function readAlertRules(path: string): AlertRule[] {
  return listField(readYaml(path), 'groups', path).flatMap((group, g) => {
    const where = `${path} groups[${g}]`;
    const name = stringField(group, 'name', where);
    return listField(group, 'rules', where).map((rule, r) => toAlertRule(name, rule, `${where}.rules[${r}]`));
  });
}

function toAlertRule(group: string, rule: unknown, where: string): AlertRule {
  const labels = field(rule, 'labels', where);
  const annotations = field(rule, 'annotations', where);
  return {
    group,
    alert: stringField(rule, 'alert', where),
    expr: stringField(rule, 'expr', where),
    for: stringField(rule, 'for', where),
    severity: stringField(labels, 'severity', `${where}.labels`),
    summary: stringField(annotations, 'summary', `${where}.annotations`),
    description: stringField(annotations, 'description', `${where}.annotations`),
  };
}

/** One host:port a scrape job reaches, by static target or by DNS name. */
export interface ScrapeTarget {
  readonly host: string;
  readonly port: number;
}

export interface ScrapeJob {
  readonly name: string;
  readonly targets: readonly ScrapeTarget[];
}

export interface PrometheusConfig {
  readonly scrapeInterval: string;
  /** Files `rule_files` loads, in the container's paths. */
  readonly ruleFiles: readonly string[];
  readonly jobs: readonly ScrapeJob[];
}

export function readPrometheusConfig(path: string): PrometheusConfig {
  const config = readYaml(path);
  return {
    scrapeInterval: stringField(field(config, 'global', path), 'scrape_interval', `${path} global`),
    ruleFiles: listField(config, 'rule_files', path).map(String),
    jobs: listField(config, 'scrape_configs', path).map((job, j) =>
      toScrapeJob(job, `${path} scrape_configs[${j}]`),
    ),
  };
}

function toScrapeJob(job: unknown, where: string): ScrapeJob {
  const statics = listField(job, 'static_configs', where).flatMap((group, i) =>
    listField(group, 'targets', `${where}.static_configs[${i}]`).map((target) =>
      parseTarget(String(target), where),
    ),
  );
  const dns = listField(job, 'dns_sd_configs', where).flatMap((sd, i) => {
    const sdWhere = `${where}.dns_sd_configs[${i}]`;
    // SRV records carry their own ports; the Compose DNS serves only A records, which need `port`.
    if (field(sd, 'type', sdWhere) !== 'A') throw new Error(`${sdWhere}.type: expected A`);
    const port = field(sd, 'port', sdWhere);
    if (typeof port !== 'number') throw new Error(`${sdWhere}.port: expected a number (type A needs it)`);
    return listField(sd, 'names', sdWhere).map((host) => ({ host: String(host), port }));
  });
  return { name: stringField(job, 'job_name', where), targets: [...statics, ...dns] };
}

function parseTarget(target: string, where: string): ScrapeTarget {
  const match = /^([^:]+):(\d+)$/.exec(target);
  if (!match?.[1] || !match[2]) throw new Error(`${where}: target ${target} is not host:port`);
  return { host: match[1], port: Number(match[2]) };
}
