import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/**
 * Every metric the gateway exports, in one registry per process with a `service` default label. Each
 * service fills the ones that concern it; names are stable because dashboards and alerts use them.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  readonly mcpRequests: Counter<'method' | 'era' | 'outcome'>;
  readonly toolCalls: Counter<'connector' | 'tool' | 'outcome'>;
  readonly toolDuration: Histogram<'connector' | 'tool' | 'outcome'>;
  readonly busDuration: Histogram<'operation' | 'outcome'>;
  readonly backendDuration: Histogram<'connector' | 'status'>;
  readonly connectorInstances: Gauge<'connector'>;
  readonly busConnected: Gauge;
  readonly authFailures: Counter<'kind' | 'reason'>;
  readonly toolCallRetries: Counter<'connector' | 'reason'>;
  readonly toolCallsInFlight: Gauge<'connector'>;
  readonly toolCache: Counter<'tool' | 'result'>;
  readonly auditRecords: Counter<'kind'>;
  readonly auditDropped: Counter<'kind' | 'reason'>;
  readonly auditPending: Gauge;
  readonly backendCircuitState: Gauge<'connector'>;
  readonly backendRetries: Counter<'connector'>;
  readonly backendRejected: Counter<'connector' | 'reason'>;
  readonly rateLimited: Counter<'surface' | 'limit'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'gateway_http_requests_total',
      help: 'HTTP requests by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.mcpRequests = new Counter({
      name: 'gateway_mcp_requests_total',
      help: 'MCP JSON-RPC messages by method, protocol era and outcome.',
      labelNames: ['method', 'era', 'outcome'],
      registers,
    });
    this.toolCalls = new Counter({
      name: 'gateway_tool_calls_total',
      help: 'Tool calls by connector, tool and outcome (ok, tool_error, invalid_arguments, or a wire error code).',
      labelNames: ['connector', 'tool', 'outcome'],
      registers,
    });
    this.toolDuration = new Histogram({
      name: 'gateway_tool_call_duration_seconds',
      help: 'Tool call duration by connector, tool and outcome.',
      labelNames: ['connector', 'tool', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.busDuration = new Histogram({
      name: 'gateway_bus_request_duration_seconds',
      help: 'NATS request/reply duration by operation (subject without prefix) and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.backendDuration = new Histogram({
      name: 'gateway_backend_request_duration_seconds',
      help: 'Backend (Home Assistant, ERPNext, …) request duration by connector and HTTP status or error.',
      labelNames: ['connector', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.connectorInstances = new Gauge({
      name: 'gateway_connector_instances',
      help: 'Live replicas of each connector, as seen from this service.',
      labelNames: ['connector'],
      registers,
    });
    this.busConnected = new Gauge({
      name: 'gateway_bus_connected',
      help: '1 while this service is connected to NATS.',
      registers,
    });
    this.authFailures = new Counter({
      name: 'gateway_auth_failures_total',
      help: 'Bearer tokens refused at a front, by the kind of token presented (jwt, opaque) and reason (invalid, unavailable).',
      labelNames: ['kind', 'reason'],
      registers,
    });
    this.toolCallRetries = new Counter({
      name: 'gateway_tool_call_retries_total',
      help: 'Read-only tool calls sent again because the replica running them went away (instance_lost) or none took them (not_accepted).',
      labelNames: ['connector', 'reason'],
      registers,
    });
    this.toolCache = new Counter({
      name: 'gateway_tool_cache_total',
      help: 'Calls of tools whose results may be reused (TOOL_CACHE), answered from the cache (hit) or not (miss).',
      labelNames: ['tool', 'result'],
      registers,
    });
    this.toolCallsInFlight = new Gauge({
      name: 'gateway_tool_calls_in_flight',
      help: 'Tool calls running right now, by connector (connectors: on this replica; fronts: waiting for an answer).',
      labelNames: ['connector'],
      registers,
    });
    this.auditRecords = new Counter({
      name: 'gateway_audit_records_total',
      help: 'Audit records stored in the JetStream audit stream (acknowledged), by kind (tool-call, auth-failure).',
      labelNames: ['kind'],
      registers,
    });
    this.auditDropped = new Counter({
      name: 'gateway_audit_dropped_total',
      help: 'Audit records lost, by kind and reason: queue_full (NATS away too long), rate_limited (auth failures beyond the cap), shutdown (still unacknowledged when the front stopped), invalid (a bug).',
      labelNames: ['kind', 'reason'],
      registers,
    });
    this.auditPending = new Gauge({
      name: 'gateway_audit_pending',
      help: 'Audit records waiting in memory for JetStream to acknowledge them.',
      registers,
    });
    this.backendCircuitState = new Gauge({
      name: 'gateway_backend_circuit_state',
      help: "State of this connector replica's circuit breaker for its backend: 0 closed, 1 half-open (one probe call let through), 2 open (calls fail fast).",
      labelNames: ['connector'],
      registers,
    });
    this.backendRetries = new Counter({
      name: 'gateway_backend_retries_total',
      help: 'Backend requests sent again after a transient failure (connection error, 429, 502/503/504); only idempotent requests are retried.',
      labelNames: ['connector'],
      registers,
    });
    this.backendRejected = new Counter({
      name: 'gateway_backend_rejected_total',
      help: 'Backend requests refused without reaching the backend, by reason: circuit_open (the breaker is open) or concurrency (too many in flight and queued).',
      labelNames: ['connector', 'reason'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests and tool calls refused with 429 (or, in the chat tool loop, a rate-limited tool result), by surface (mcp, openai, openapi, oauth) and the limit that refused them (token, tool, address).',
      labelNames: ['surface', 'limit'],
      registers,
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
