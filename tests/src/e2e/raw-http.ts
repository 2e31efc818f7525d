import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response as it came off the wire (interim 1xx responses skipped). */
export interface RawResponse {
  readonly status: number;
  /** Lowercased names; a repeated header keeps every value, joined with `\n`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export type RawOutcome =
  | { readonly kind: 'response'; readonly response: RawResponse; readonly ms: number }
  /** The server hung up before a complete response. */
  | { readonly kind: 'closed'; readonly ms: number; readonly error?: string }
  /** Nothing conclusive within the time allowed: the server neither answered nor hung up. */
  | { readonly kind: 'timeout'; readonly ms: number };

export interface RawRequest {
  readonly port: number;
  /** The bytes to send: the whole request, or a function that writes it (slowly, partially, forever). */
  readonly send: Buffer | ((socket: Socket) => Promise<void>);
  /** HEAD answers carry no body whatever their headers say. */
  readonly head?: boolean;
  readonly timeoutMs: number;
}

/**
 * Sends raw bytes to 127.0.0.1 and reads one response with nothing in between: no header validation, no
 * framing of its own, no retries — so malformed requests reach the server exactly as written. Write errors
 * are ignored (a server may answer and hang up while a large body is still being sent); what counts is
 * what comes back.
 */
export function rawExchange(request: RawRequest): Promise<RawOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: request.port });
    let buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', ms: elapsed() }), request.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const response = parseResponse(buffer, request.head ?? false, false);
      if (response) finish({ kind: 'response', response, ms: elapsed() });
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const response = parseResponse(buffer, request.head ?? false, true);
      finish(
        response
          ? { kind: 'response', response, ms: elapsed() }
          : { kind: 'closed', ms: elapsed(), ...(buffer.length ? { error: 'incomplete response' } : {}) },
      );
    });
    socket.once('connect', () => {
      if (Buffer.isBuffer(request.send)) writeAll(socket, request.send).catch(() => undefined);
      else request.send(socket).catch(() => undefined);
    });
  });
}

/** Writes a buffer in pieces, honouring backpressure; resolves when written or when the socket is gone. */
export async function writeAll(socket: Socket, data: Buffer, pieceSize = 256 * 1024): Promise<void> {
  for (let offset = 0; offset < data.length && !socket.destroyed; offset += pieceSize) {
    const piece = data.subarray(offset, offset + pieceSize);
    if (!socket.write(piece)) {
      await new Promise<void>((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
    }
  }
}

/** The first complete non-1xx response in `data`, or undefined while more bytes are needed. */
function parseResponse(data: Buffer, head: boolean, closed: boolean): RawResponse | undefined {
  let start = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', start);
    if (end < 0) return undefined;
    const lines = data.subarray(start, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) return undefined;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
    }
    const bodyStart = end + 4;
    if (status >= 100 && status < 200) {
      start = bodyStart;
      continue;
    }
    if (head || status === 204 || status === 304) return { status, headers, body: Buffer.alloc(0) };
    if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const body = dechunk(data.subarray(bodyStart));
      return body ? { status, headers, body } : undefined;
    }
    const length = headers['content-length'];
    if (length !== undefined) {
      const size = Number(length);
      if (data.length - bodyStart < size) return undefined;
      return { status, headers, body: data.subarray(bodyStart, bodyStart + size) };
    }
    return closed ? { status, headers, body: data.subarray(bodyStart) } : undefined;
  }
}

/** A complete chunked body, or undefined while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const chunkStart = lineEnd + 2;
    if (data.length < chunkStart + size + 2) return undefined;
    parts.push(data.subarray(chunkStart, chunkStart + size));
    offset = chunkStart + size + 2;
  }
}
