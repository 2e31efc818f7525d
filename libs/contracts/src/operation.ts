import type { Static, TSchema } from '@sinclair/typebox';

/**
 * A request/reply operation on the bus: the subject it lives on, the request and response schemas and
 * the caller's default timeout. Handlers derive their subscription and validation from it; callers derive
 * the subject, timeout and decoding.
 */
export interface RequestOperation<Req extends TSchema, Res extends TSchema, Params> {
  readonly kind: 'request';
  /** Stable, prefix-free name (`connector.tools.call`); also the Nest message pattern of its handler. */
  readonly name: string;
  readonly subject: (prefix: string, params: Params) => string;
  readonly request: Req;
  readonly response: Res;
  readonly timeoutMs: number;
}

/**
 * A published event: every subscriber receives it (no queue group) and nobody replies.
 */
export interface EventOperation<Msg extends TSchema, Params> {
  readonly kind: 'event';
  readonly name: string;
  readonly subject: (prefix: string, params: Params) => string;
  readonly message: Msg;
}

export type RequestOf<Op> = Op extends {
  readonly kind: 'request';
  readonly request: infer Req extends TSchema;
}
  ? Static<Req>
  : never;
export type ResponseOf<Op> = Op extends {
  readonly kind: 'request';
  readonly response: infer Res extends TSchema;
}
  ? Static<Res>
  : never;
export type MessageOf<Op> = Op extends { readonly kind: 'event'; readonly message: infer Msg extends TSchema }
  ? Static<Msg>
  : never;
export type ParamsOf<Op> = Op extends { readonly subject: (prefix: string, params: infer P) => string }
  ? P
  : never;

export function defineRequest<Req extends TSchema, Res extends TSchema, Params>(
  op: Omit<RequestOperation<Req, Res, Params>, 'kind'>,
): RequestOperation<Req, Res, Params> {
  return { kind: 'request', ...op };
}

export function defineEvent<Msg extends TSchema, Params>(
  op: Omit<EventOperation<Msg, Params>, 'kind'>,
): EventOperation<Msg, Params> {
  return { kind: 'event', ...op };
}

/** Subject parameters of the per-connector operations. */
export interface ConnectorParams {
  readonly connector: string;
}
