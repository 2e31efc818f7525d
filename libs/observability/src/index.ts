export { Metrics } from './metrics.js';
export { Readiness } from './readiness.js';
export type { CheckResult, ReadinessCheck } from './readiness.js';
export { HealthController } from './health.controller.js';
export { ObservabilityModule } from './observability.module.js';
export { httpMetricsMiddleware, observeHttp } from './http-metrics.middleware.js';
export { createLogger } from './logger.js';
