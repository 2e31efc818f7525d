import { Type, type Static } from '@sinclair/typebox';

/**
 * Tool names are valid both as MCP tool names and as OpenAI function names
 * (`^[a-zA-Z0-9_-]{1,64}$`), and are `<connector>_<action>` by convention.
 */
export const TOOL_NAME_PATTERN = '^[a-zA-Z0-9_-]{1,64}$';

/** MCP tool annotations, always all four hints (Claude's directory review requires them). */
export const ToolAnnotationsSchema = Type.Object(
  {
    title: Type.Optional(Type.String()),
    readOnlyHint: Type.Boolean(),
    destructiveHint: Type.Boolean(),
    idempotentHint: Type.Boolean(),
    openWorldHint: Type.Boolean(),
  },
  { additionalProperties: false },
);

export type ToolAnnotations = Static<typeof ToolAnnotationsSchema>;

/** What a connector says about one of its tools; the fronts serve it to MCP and OpenAI clients. */
export const ToolDescriptorSchema = Type.Object(
  {
    name: Type.String({ pattern: TOOL_NAME_PATTERN }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    /** Written for a model; Claude Code truncates at 2,048 characters. */
    description: Type.String({ minLength: 1, maxLength: 2048 }),
    /** JSON Schema (2020-12) of the arguments object. */
    inputSchema: Type.Object({ type: Type.Literal('object') }, { additionalProperties: true }),
    outputSchema: Type.Optional(
      Type.Object({ type: Type.Literal('object') }, { additionalProperties: true }),
    ),
    annotations: ToolAnnotationsSchema,
  },
  { additionalProperties: false },
);

export type ToolDescriptor = Static<typeof ToolDescriptorSchema>;

export const TextContentSchema = Type.Object(
  { type: Type.Literal('text'), text: Type.String() },
  { additionalProperties: false },
);

export const ImageContentSchema = Type.Object(
  { type: Type.Literal('image'), data: Type.String(), mimeType: Type.String() },
  { additionalProperties: false },
);

export const ResourceLinkContentSchema = Type.Object(
  {
    type: Type.Literal('resource_link'),
    uri: Type.String(),
    name: Type.String(),
    mimeType: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ContentBlockSchema = Type.Union([
  TextContentSchema,
  ImageContentSchema,
  ResourceLinkContentSchema,
]);

export type ContentBlock = Static<typeof ContentBlockSchema>;

/**
 * The outcome of a tool that ran. A tool that ran and failed (the backend said no, the entity does not
 * exist) is a result with `isError: true`, which the model reads; it is not a wire error.
 */
export const ToolResultSchema = Type.Object(
  {
    content: Type.Array(ContentBlockSchema),
    structuredContent: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    isError: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export type ToolResult = Static<typeof ToolResultSchema>;

/** The client surface a call came through: `/mcp`, `/v1/chat/completions`, `/tools/<name>`, or the CLI. */
export const SurfaceSchema = Type.Union([
  Type.Literal('mcp'),
  Type.Literal('openai'),
  Type.Literal('openapi'),
  Type.Literal('cli'),
]);

export type Surface = Static<typeof SurfaceSchema>;

/**
 * The kind of credential a front accepted: an `ACCESS_TOKENS` entry, an OAuth access token, or an API
 * token from `gateway token create`.
 */
export const TokenKindSchema = Type.Union([
  Type.Literal('static'),
  Type.Literal('oauth'),
  Type.Literal('api-token'),
]);

export type TokenKind = Static<typeof TokenKindSchema>;

/**
 * Who asked for a call, for audit and for connectors that act on a user's behalf. The token fields are
 * accepted here but the fronts do not send them to connectors yet: connectors released before they existed
 * refuse unknown properties, which would fail calls during a rolling upgrade.
 */
export const CallerSchema = Type.Object(
  {
    surface: SurfaceSchema,
    /** `api-token:<name>`, an OAuth `sub`, `access-token-<n>`, or `anonymous` (`MCP_AUTH=none`). */
    subject: Type.String({ maxLength: 200 }),
    /** The OAuth client the access token was issued to. */
    clientId: Type.Optional(Type.String({ maxLength: 200 })),
    /** Absent only when the front does not authenticate (`MCP_AUTH=none`). */
    tokenKind: Type.Optional(TokenKindSchema),
    /** The API token's id (`tok_…`), for API tokens. */
    tokenId: Type.Optional(Type.String({ maxLength: 100 })),
    /** The API token's name, for API tokens. */
    tokenName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export type Caller = Static<typeof CallerSchema>;

/** What a front knows of an authenticated principal that a {@link Caller} carries. */
export interface CallerIdentity {
  readonly subject: string;
  readonly clientId?: string;
  readonly kind?: TokenKind;
  readonly tokenId?: string;
  readonly tokenName?: string;
}

/** The {@link Caller} of a call made through `surface` by `who`, without empty optional fields. */
export function callerFor(surface: Surface, who: CallerIdentity): Caller {
  return {
    surface,
    subject: who.subject,
    ...(who.clientId ? { clientId: who.clientId } : {}),
    ...(who.kind ? { tokenKind: who.kind } : {}),
    ...(who.tokenId ? { tokenId: who.tokenId } : {}),
    ...(who.tokenName ? { tokenName: who.tokenName } : {}),
  };
}
