import type { ServerResponse } from 'node:http';
import type { McpResponder, SseStream } from './responder.js';

/**
 * {@link McpResponder} over a Node response. The signal fires when the client closes the connection
 * before the answer is complete, which on an SSE stream is cancellation (2026-07-28 basic/patterns).
 */
export class NodeResponder implements McpResponder {
  private controller: AbortController | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly extraHeaders: Readonly<Record<string, string>> = {},
  ) {}

  /** Created on first use: most requests never need it, and an AbortController is not free. */
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.res.closed) {
        if (!this.res.writableFinished) controller.abort();
      } else {
        this.res.once('close', () => {
          if (!this.res.writableFinished) controller.abort();
        });
      }
    }
    return this.controller.signal;
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
