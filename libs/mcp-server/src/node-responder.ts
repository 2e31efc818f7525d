import type { ServerResponse } from 'node:http';
import type { McpResponder, SseStream } from './responder.js';

/**
 * {@link McpResponder} over a Node response. The signal fires when the client closes the connection
 * before the answer is complete, which on an SSE stream is cancellation (2026-07-28 basic/patterns).
 */
export class NodeResponder implements McpResponder {
  private readonly controller = new AbortController();
  readonly signal: AbortSignal = this.controller.signal;

  constructor(
    private readonly res: ServerResponse,
    private readonly extraHeaders: Readonly<Record<string, string>> = {},
  ) {
    res.once('close', () => {
      if (!res.writableFinished) this.controller.abort();
    });
  }

  json(status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
    if (this.res.headersSent) return;
    this.res.writeHead(status, {
      ...this.extraHeaders,
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    this.res.end(body);
  }

  accepted(): void {
    this.res.writeHead(202, this.extraHeaders);
    this.res.end();
  }

  sse(): SseStream {
    const res = this.res;
    res.writeHead(200, {
      ...this.extraHeaders,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    return {
      message: (json) => {
        if (!res.writableEnded) res.write(`event: message\ndata: ${json}\n\n`);
      },
      comment: (text) => {
        if (!res.writableEnded) res.write(`: ${text}\n\n`);
      },
      end: () => {
        if (!res.writableEnded) res.end();
      },
    };
  }
}
