import type { ServerResponse } from 'node:http';

/** Response headers of a stream (reference §2.9): no caching, no proxy buffering, no compression. */
const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * Writes a server-sent event stream to a Node response. Each event is one `write()`, so a proxy or a
 * browser that splits on reads never sees half an event (reference §3, the Direct Connections relay);
 * `: ok` goes out at once and `: ping` every `keepAliveMs`, which clients and proxies ignore but which
 * keeps idle timeouts from closing the stream while tools run (§2.4, §2.9). Writes after the stream has
 * ended or the client has gone are dropped.
 */
export class SseWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly keepAliveMs: number,
  ) {}

  get opened(): boolean {
    return this.res.headersSent;
  }

  open(): void {
    if (this.res.headersSent) return;
    this.res.writeHead(200, { ...SSE_HEADERS, ...this.headers });
    this.res.socket?.setNoDelay(true);
    this.write(': ok\n\n');
    this.timer = setInterval(() => this.write(': ping\n\n'), this.keepAliveMs);
    this.timer.unref();
    this.res.once('close', () => this.stop());
  }

  /** `data: <json>` — the caller keeps each event small (see `MAX_DELTA_CHARS`). */
  event(data: object): void {
    this.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** `data: [DONE]`, then closes: Open WebUI ends a stream only at EOF (§2.4). */
  end(): void {
    this.write('data: [DONE]\n\n');
    this.stop();
    if (!this.res.writableEnded) this.res.end();
  }

  /** Drops the connection without a proper end (the client is gone, or the server stops). */
  destroy(): void {
    this.stop();
    if (!this.res.writableEnded) this.res.destroy();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private write(text: string): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    this.res.write(text);
  }
}
