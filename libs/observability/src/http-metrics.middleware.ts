import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/**
 * Records one HTTP request when its response finishes, by route template (never the raw URL, which would
 * explode label cardinality), method and status.
 */
export function observeHttp(
  metrics: Metrics,
  req: IncomingMessage,
  res: ServerResponse,
  route: () => string,
): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const labels = { route: route(), method: req.method ?? 'GET', status: String(res.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
}

/** Express middleware form of {@link observeHttp}, labelling by the matched route. */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    observeHttp(metrics, req, res, () => {
      const routePath = (req.route as { path?: string } | undefined)?.path;
      return typeof routePath === 'string' ? routePath : 'unmatched';
    });
    next();
  };
}
