import type { Static, TObject } from '@sinclair/typebox';
import type {
  Caller,
  ProgressUpdate,
  ToolAnnotations,
  ToolDescriptor,
  ToolResult,
} from '@mcp-gateway/contracts';

/** What a tool handler receives beside its validated arguments. */
export interface ToolContext<Backend> {
  readonly backend: Backend;
  /** Fires when the caller cancels, the call times out, or the service shuts down hard. */
  readonly signal: AbortSignal;
  /** Streams progress to a caller that asked for it; a no-op otherwise. */
  readonly progress: (update: ProgressUpdate) => void;
  readonly caller: Caller | undefined;
}

export interface ToolDefinition<Backend, Input extends TObject = TObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: Input;
  readonly annotations: Omit<ToolAnnotations, 'title'>;
  readonly run: (args: Static<Input>, ctx: ToolContext<Backend>) => Promise<ToolResult>;
}

/** Declares a tool; `args` in `run` is typed from the input schema. */
export function defineTool<Backend, Input extends TObject>(
  tool: ToolDefinition<Backend, Input>,
): ToolDefinition<Backend, TObject> {
  return tool as unknown as ToolDefinition<Backend, TObject>;
}

/** The descriptor the fronts serve: JSON Schema without TypeBox's symbol keys. */
export function describeTool(tool: ToolDefinition<unknown>): ToolDescriptor {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: JSON.parse(JSON.stringify(tool.input)) as ToolDescriptor['inputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  };
}

/** Annotation presets: every tool sets all four hints explicitly. */
export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;
export const WRITE = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
} as const;
export const WRITE_IDEMPOTENT = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;
export const DESTRUCTIVE = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
} as const;
