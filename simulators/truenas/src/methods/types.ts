import type { TrueNasState } from '../state/store.js';

/** The per-connection state a method may read or change (`App` in the middleware). */
export interface SessionControl {
  /** TLS, a UNIX socket or loopback (`ConnectionOrigin.secure_transport`). */
  readonly secureTransport: boolean;
  authenticated: boolean;
  username: string | undefined;
  /** `core.set_options {"legacy_jobs": false}` (25.10+) makes job calls answer when the job ends. */
  legacyJobs: boolean;
  /** `core.subscribe`: returns the subscription id. */
  subscribe(name: string): string;
  unsubscribe(id: string): void;
}

export interface MethodContext {
  readonly state: TrueNasState;
  readonly session: SessionControl;
  readonly messageId: string | number | undefined;
}

export interface MethodDef {
  /** `authentication_required=False` methods (auth.login_ex, core.ping, system.version…). */
  readonly noAuth?: boolean;
  /** First release that has the method, inclusive. */
  readonly since?: readonly [major: number, minor: number];
  /** First release that no longer has it. */
  readonly removedIn?: readonly [major: number, minor: number];
  readonly run: (ctx: MethodContext, params: readonly unknown[]) => unknown;
}

export type MethodTable = Readonly<Record<string, MethodDef>>;
