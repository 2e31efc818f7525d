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

/** Who asked for a call, for audit and for connectors that act on a user's behalf. */
export const CallerSchema = Type.Object(
  {
    surface: Type.Union([
      Type.Literal('mcp'),
      Type.Literal('openai'),
      Type.Literal('openapi'),
      Type.Literal('cli'),
    ]),
    subject: Type.String({ maxLength: 200 }),
    clientId: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export type Caller = Static<typeof CallerSchema>;
