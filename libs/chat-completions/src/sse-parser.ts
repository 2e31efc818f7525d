/**
 * The `data` payloads of a server-sent event stream, one per event, in order (WHATWG HTML "server-sent
 * events", the parts an OpenAI-compatible server uses): `data:` lines of one event are joined with
 * `\n`, comments (`: ping`) and other fields (`event:`, `id:`) are skipped. The upstream's bytes may be
 * split anywhere; an event is yielded only once its blank line (or the end of the stream) arrives.
 */
export async function* sseData(
  body: AsyncIterable<Uint8Array | string>,
  maxEventChars: number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = '';
  let data: string[] = [];
  let size = 0;
  for await (const bytes of body) {
    buffered += typeof bytes === 'string' ? bytes : decoder.decode(bytes, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).replace(/\r$/, '');
      buffered = buffered.slice(newline + 1);
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
        size = 0;
      } else if (line.startsWith('data:')) {
        const value = line.slice(line.startsWith('data: ') ? 6 : 5);
        size += value.length;
        data.push(value);
      }
    }
    if (size + buffered.length > maxEventChars) {
      throw new SseTooLargeError(maxEventChars);
    }
  }
  const tail = (buffered + decoder.decode()).replace(/\r$/, '');
  if (tail.startsWith('data:')) data.push(tail.slice(tail.startsWith('data: ') ? 6 : 5));
  if (data.length > 0) yield data.join('\n');
}

/** An event grew past the limit without ending: the stream is not what it claims to be. */
export class SseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`an event exceeded ${limit} characters`);
    this.name = 'SseTooLargeError';
  }
}
