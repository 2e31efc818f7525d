import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVICE_PORTS } from '@mcp-gateway/config';
import { readYaml } from './files.js';
import {
  overlappingPanels,
  parseLabelValues,
  readDashboard,
  substituteVariables,
  type Panel,
} from './monitoring-grafana.js';
import {
  field,
  listField,
  readAlertRules,
  readPrometheusConfig,
  stringField,
} from './monitoring-prometheus.js';
import { aggregates, checkPromql, gatewayMetricCatalog, type KnownLabelValues } from './monitoring-promql.js';

// Issue 6 ("Validation in CI"): the scrape config, alert rules and dashboard are parsed, and every query in
// them is checked against the metrics the services export, so a renamed metric fails here instead of
// leaving an empty panel or a silent alert.

const PROMETHEUS = 'deploy/prometheus/prometheus.yml';
const ALERTS = 'deploy/prometheus/alerts.yml';
const DASHBOARD = 'deploy/grafana/dashboards/gateway.json';
const DATASOURCES = 'deploy/grafana/provisioning/datasources/prometheus.yml';
const DASHBOARD_PROVIDERS = 'deploy/grafana/provisioning/dashboards/gateway.yml';

/** The fixed Compose service names (docker-compose.yml) that are not gateway services, with their ports. */
const OTHER_COMPOSE_PORTS: Readonly<Record<string, number>> = { prometheus: 9090 };
/** NATS serves JSON on 8222, not the Prometheus format: scraping it would only ever fail. */
const NEVER_SCRAPED = ['nats'];
const SEVERITIES = ['critical', 'warning', 'info'];
const PROMETHEUS_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Values the dashboard's variables may take, to turn its queries into plain PromQL. */
const VARIABLE_SAMPLES = {
  connector: 'homeassistant',
  service: 'mcp-front',
  datasource: 'prometheus',
  __rate_interval: '1m',
  __interval: '15s',
  __range: '1h',
};

const catalog = gatewayMetricCatalog();
const services = Object.keys(SERVICE_PORTS);
/** Each connector service is `connector-<name>` and labels its series with connector="<name>". */
const connectors = services
  .filter((s) => s.startsWith('connector-'))
  .map((s) => s.slice('connector-'.length));
const knownValues: KnownLabelValues = new Map([
  ['service', services],
  ['job', [...services, ...Object.keys(OTHER_COMPOSE_PORTS)]],
  ['connector', connectors],
]);

function assertValidPromql(expr: string, where: string): void {
  assert.deepEqual(checkPromql(expr, catalog, knownValues), [], `${where}: ${expr}`);
}

describe('PromQL checker', () => {
  it('knows the metrics and their labels from the Metrics class', () => {
    // Guards the checker itself: an empty catalog would reject everything, a label-less one too much.
    assert.ok(catalog.get('gateway_tool_calls_total')?.has('connector'));
    assert.ok(catalog.get('gateway_tool_call_duration_seconds_bucket')?.has('le'));
    assert.ok(!catalog.has('gateway_tool_call_duration_seconds'), 'a classic histogram has no bare series');
    assert.ok(catalog.get('process_resident_memory_bytes')?.has('service'));
  });

  it('accepts a valid query', () => {
    assert.deepEqual(
      checkPromql('sum by (connector) (rate(gateway_tool_calls_total{outcome!="ok"}[5m])) > 0', catalog),
      [],
    );
  });

  it('rejects a misspelt metric name', () => {
    const problems = checkPromql('sum(rate(gateway_tool_cals_total[5m]))', catalog);
    assert.match(problems.join('\n'), /unknown metric gateway_tool_cals_total/);
  });

  it('rejects broken syntax', () => {
    assert.match(checkPromql('sum(rate(gateway_tool_calls_total[5m])', catalog).join('\n'), /syntax error/);
    assert.match(checkPromql('gateway_bus_connected ==', catalog).join('\n'), /syntax error/);
  });

  it('rejects a label the metric does not have, in a matcher or a grouping', () => {
    assert.match(
      checkPromql('gateway_bus_connected{connector="x"}', catalog).join('\n'),
      /has no label connector/,
    );
    assert.match(checkPromql('up{service="auth"}', catalog).join('\n'), /has no label service/);
    const grouped = checkPromql('sum by (conector) (rate(gateway_tool_calls_total[5m]))', catalog);
    assert.match(grouped.join('\n'), /by \(conector\)/);
  });

  it('rejects a service, job or connector that does not exist', () => {
    const check = (expr: string): string => checkPromql(expr, catalog, knownValues).join('\n');
    assert.match(check('up{job="conector-wave"}'), /matches no known job/);
    assert.match(check('gateway_tool_calls_in_flight{service=~"conector-.*"}'), /matches no known service/);
    assert.match(check('gateway_tool_calls_total{connector="connector-wave"}'), /matches no known connector/);
    assert.equal(check('gateway_tool_calls_total{connector=~"wave|erpnext", service!="x"}'), '');
  });

  it('rejects the bare name of a histogram and a selector without a metric name', () => {
    assert.match(checkPromql('gateway_tool_call_duration_seconds', catalog).join('\n'), /unknown metric/);
    assert.match(checkPromql('{service="auth"}', catalog).join('\n'), /names no metric/);
  });

  it('reads metric names written as {__name__="…"} or quoted', () => {
    assert.deepEqual(checkPromql('{__name__="gateway_bus_connected", service="auth"}', catalog), []);
    assert.match(checkPromql('{"gateway_bus_conected"}', catalog).join('\n'), /unknown metric/);
  });
});

describe('alert rules (deploy/prometheus/alerts.yml)', () => {
  const rules = readAlertRules(ALERTS);

  it('covers what issue 6 asks for', () => {
    // Connector without instances, error rate, latency, auth failures, NATS disconnected, plus targets down
    // and backend unavailability.
    const metrics = rules.map((rule) => rule.expr).join('\n');
    for (const needed of [
      'gateway_connector_instances',
      'gateway_tool_calls_total',
      'gateway_tool_call_duration_seconds_bucket',
      'gateway_http_request_duration_seconds_bucket',
      'gateway_auth_failures_total{reason="invalid"}',
      'gateway_auth_failures_total{reason="unavailable"}',
      'gateway_bus_connected',
      'BACKEND_UNAVAILABLE',
      'up == 0',
    ])
      assert.ok(metrics.includes(needed), `no alert uses ${needed}`);
  });

  it('has unique names, a severity, a for duration and both annotations on every rule', () => {
    assert.equal(new Set(rules.map((rule) => rule.alert)).size, rules.length, 'duplicate alert names');
    for (const rule of rules) {
      assert.ok(SEVERITIES.includes(rule.severity), `${rule.alert}: severity ${rule.severity}`);
      assert.match(rule.for, PROMETHEUS_DURATION, `${rule.alert}: for`);
      assert.ok(rule.description.length > 80, `${rule.alert}: the description should tell what to do`);
    }
  });

  it('only queries metrics and labels the services export', () => {
    for (const rule of rules) assertValidPromql(rule.expr, rule.alert);
  });

  it('keeps the labels its annotations print', () => {
    // `{{ $labels.connector }}` renders empty once an aggregation has summed the label away: an aggregating
    // expression must name every label its annotations use (in `by`, or in a matcher absent() keeps).
    for (const rule of rules.filter((r) => aggregates(r.expr))) {
      const used = [...`${rule.summary} ${rule.description}`.matchAll(/\$labels\.(\w+)/g)];
      for (const [, label] of used)
        assert.match(rule.expr, new RegExp(`\\b${label}\\b`), `${rule.alert}: $labels.${label}`);
    }
  });
});

describe('scrape config (deploy/prometheus/prometheus.yml)', () => {
  const config = readPrometheusConfig(PROMETHEUS);
  const servicePorts: Readonly<Record<string, { port: number }>> = SERVICE_PORTS;

  it('loads the alert rules from where Compose mounts them', () => {
    assert.deepEqual(config.ruleFiles, ['/etc/prometheus/alerts.yml']);
  });

  it('scrapes every service on its SERVICE_PORTS port, under a job named after it', () => {
    for (const job of config.jobs) {
      assert.ok(job.targets.length > 0, `${job.name} has no target`);
      for (const { host, port } of job.targets) {
        assert.equal(host, job.name, `job ${job.name} should scrape its own Compose service`);
        const expected = servicePorts[host]?.port ?? OTHER_COMPOSE_PORTS[host];
        assert.ok(expected !== undefined, `${job.name}: ${host} is not a Compose service we scrape`);
        assert.equal(port, expected, `${job.name}: port`);
      }
    }
    const scraped = new Set(config.jobs.flatMap((job) => job.targets.map((target) => target.host)));
    for (const service of Object.keys(SERVICE_PORTS))
      assert.ok(scraped.has(service), `${service} is not scraped`);
    for (const service of NEVER_SCRAPED) assert.ok(!scraped.has(service), `${service} must not be scraped`);
  });

  it('finds every replica of the scalable services through DNS', () => {
    const raw = listField(readYaml(PROMETHEUS), 'scrape_configs', PROMETHEUS);
    for (const job of raw) {
      const name = stringField(job, 'job_name', PROMETHEUS);
      if (!(name in SERVICE_PORTS)) continue;
      assert.equal(listField(job, 'dns_sd_configs', name).length, 1, `${name}: dns_sd_configs`);
      // Relabelled so replicas read apart: <service>@<address>.
      assert.deepEqual(listField(job, 'relabel_configs', name)[0], {
        source_labels: ['job', '__address__'],
        separator: '@',
        target_label: 'instance',
      });
    }
  });
});

describe('dashboard (deploy/grafana/dashboards/gateway.json)', () => {
  const dashboard = readDashboard(DASHBOARD);
  const dataPanels = dashboard.panels.filter((panel) => panel.type !== 'row');

  it('is the MCP Gateway dashboard on a current schema', () => {
    assert.equal(dashboard.uid, 'mcp-gateway');
    assert.equal(dashboard.title, 'MCP Gateway');
    assert.ok(dashboard.schemaVersion >= 39, `schemaVersion ${dashboard.schemaVersion}`);
  });

  it('has unique panel ids and no overlapping panels on the 24-column grid', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate panel ids');
    for (const panel of dashboard.panels)
      assert.ok(panel.gridPos.x + panel.gridPos.w <= 24, `${panel.title} is too wide`);
    assert.deepEqual(overlappingPanels(dashboard.panels), []);
  });

  it('detects overlapping panels', () => {
    const panel = (id: number, x: number, y: number): Panel => ({
      id,
      type: 'stat',
      title: `p${id}`,
      gridPos: { x, y, w: 12, h: 8 },
      datasourceUid: undefined,
      queries: [],
    });
    assert.equal(overlappingPanels([panel(1, 0, 0), panel(2, 11, 7)]).length, 1);
    assert.deepEqual(overlappingPanels([panel(1, 0, 0), panel(2, 12, 0), panel(3, 0, 8)]), []);
  });

  it('takes its data source from the datasource variable everywhere', () => {
    const variable = dashboard.variables.find((v) => v.name === 'datasource');
    assert.equal(variable?.type, 'datasource');
    assert.equal(variable.query, 'prometheus');
    const usesVariable = (uid: string | undefined): boolean =>
      uid === '${datasource}' || uid === '$datasource';
    for (const panel of dataPanels) {
      assert.ok(usesVariable(panel.datasourceUid), `panel ${panel.title}: datasource`);
      for (const query of panel.queries)
        assert.ok(
          query.datasourceUid === undefined || usesVariable(query.datasourceUid),
          `${panel.title} ${query.refId}`,
        );
    }
    for (const v of dashboard.variables.filter((v) => v.type === 'query'))
      assert.ok(usesVariable(v.datasourceUid), `variable ${v.name}: datasource`);
  });

  it('offers connector and service variables from labels that exist', () => {
    for (const name of ['connector', 'service']) {
      const variable = dashboard.variables.find((v) => v.name === name);
      const labelValues = variable && parseLabelValues(variable.query);
      assert.ok(labelValues, `variable ${name} should be label_values(…)`);
      assert.equal(labelValues.label, name);
      assertValidPromql(`${labelValues.selector}{${name}!=""}`, `variable ${name}`);
    }
  });

  it('only queries metrics and labels the services export', () => {
    const queries = dataPanels.flatMap((panel) => panel.queries.map((query) => ({ panel, query })));
    assert.ok(queries.length >= dataPanels.length, 'every panel has a query');
    for (const { panel, query } of queries)
      assertValidPromql(substituteVariables(query.expr, VARIABLE_SAMPLES), `${panel.title} ${query.refId}`);
  });

  it('rejects a query with an unknown variable instead of guessing', () => {
    assert.throws(
      () => substituteVariables('up{job="$jb"}', VARIABLE_SAMPLES),
      /unknown dashboard variable \$jb/,
    );
    assert.equal(
      substituteVariables('rate(x{c=~"${connector}"}[$__rate_interval])', VARIABLE_SAMPLES),
      'rate(x{c=~"homeassistant"}[1m])',
    );
  });
});

describe('Grafana provisioning (deploy/grafana/provisioning)', () => {
  it('provisions the Compose Prometheus as the default data source, at the scrape interval', () => {
    const [source, ...others] = listField(readYaml(DATASOURCES), 'datasources', DATASOURCES);
    assert.equal(others.length, 0);
    assert.equal(stringField(source, 'uid', DATASOURCES), 'prometheus');
    assert.equal(stringField(source, 'type', DATASOURCES), 'prometheus');
    assert.equal(
      stringField(source, 'url', DATASOURCES),
      `http://prometheus:${OTHER_COMPOSE_PORTS.prometheus}`,
    );
    assert.equal(field(source, 'isDefault', DATASOURCES), true);
    // Grafana's $__rate_interval assumes this scrape interval; a mismatch makes rates gappy or sluggish.
    const timeInterval = field(field(source, 'jsonData', DATASOURCES), 'timeInterval', DATASOURCES);
    assert.equal(timeInterval, readPrometheusConfig(PROMETHEUS).scrapeInterval);
  });

  it('loads dashboards from where Compose mounts deploy/grafana/dashboards', () => {
    const [provider] = listField(readYaml(DASHBOARD_PROVIDERS), 'providers', DASHBOARD_PROVIDERS);
    assert.equal(stringField(provider, 'type', DASHBOARD_PROVIDERS), 'file');
    assert.equal(
      stringField(field(provider, 'options', DASHBOARD_PROVIDERS), 'path', DASHBOARD_PROVIDERS),
      '/var/lib/grafana/dashboards',
    );
  });
});
