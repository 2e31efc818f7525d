import type { BackendHealth, ToolDescriptor } from '@mcp-gateway/contracts';
import type { ValidateFunction } from 'ajv';

/** One tool as the fronts serve it, with its owner and its compiled argument validator. */
export interface CatalogTool {
  readonly connector: string;
  readonly descriptor: ToolDescriptor;
  readonly validate: ValidateFunction;
  /** Scope a caller needs: `<connector>:read` for read-only tools, `<connector>:write` otherwise. */
  readonly scope: string;
}

export interface InstanceView {
  readonly instance: string;
  readonly version: string;
  readonly startedAt: string;
  readonly lastSeenMs: number;
  readonly backend: BackendHealth;
}

export interface ConnectorView {
  readonly name: string;
  readonly available: boolean;
  readonly toolsDigest: string | undefined;
  readonly toolCount: number;
  readonly instances: readonly InstanceView[];
  /** Why the tool list is missing, when it is. */
  readonly problem?: string;
}
