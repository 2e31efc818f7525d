import type { CatalogTool } from '@mcp-gateway/catalog';

export interface OpenApiDocumentOptions {
  /** The front's public base URL (the `servers` entry; Open WebUI uses its own configured URL instead). */
  readonly serverUrl: string;
  readonly version: string;
}

/**
 * The tools a caller may use, as an OpenAPI 3.1 document in the shape Open WebUI's tool servers read
 * (reference §4.1): one `POST /tools/<name>` per tool with `operationId` = the tool name, the tool's JSON
 * Schema inline as the JSON request body (Open WebUI resolves no `$ref` in parameters), bearer security,
 * and JSON answers. Tool names are already valid operation ids and path segments.
 */
export function openApiDocument(tools: readonly CatalogTool[], options: OpenApiDocumentOptions) {
  const paths: Record<string, unknown> = {};
  for (const tool of tools) {
    const d = tool.descriptor;
    paths[`/tools/${d.name}`] = {
      post: {
        operationId: d.name,
        summary: d.title,
        description: d.description,
        tags: [tool.connector],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: d.inputSchema } },
        },
        responses: {
          '200': {
            description: 'The tool ran; its result as JSON.',
            content: { 'application/json': { schema: {} } },
          },
          '4XX': errorResponse('The request was refused: unknown tool, missing scope, or invalid arguments.'),
          '5XX': errorResponse('The tool could not run: its backend or the gateway failed or timed out.'),
        },
        'x-openai-isConsequential': !d.annotations.readOnlyHint,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MCP Gateway tools',
      version: options.version,
      description:
        'The tools of this household or business gateway (Home Assistant and other systems), one operation per tool. Read-only tools never change anything.',
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          properties: { detail: { type: 'string' } },
          required: ['detail'],
        },
      },
    },
  };
}

function errorResponse(description: string) {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}
