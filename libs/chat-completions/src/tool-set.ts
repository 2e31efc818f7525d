import { scopeAllows, type CatalogTool, type ToolCatalog } from '@mcp-gateway/catalog';
import { isJsonObject, type ClientTool, type FunctionTool } from './openai-types.js';

/**
 * The tools offered to the upstream model for one request: the client's own, then every gateway tool the
 * caller's scopes allow, as OpenAI functions (name = tool name, `parameters` = its input schema).
 *
 * On a name clash the client's tool wins and the gateway's is not offered: a client that declares a tool
 * expects calls to it to come back to it (OpenAI semantics), and the clash is usually the gateway's own
 * OpenAPI tool server configured in Open WebUI, which runs the same tool anyway. Gateway tool names are
 * `<connector>_<action>`, so an accidental clash with Open WebUI's builtins is unlikely.
 */
export class ToolSet {
  private constructor(
    /** What goes into the upstream request's `tools`; empty means the field is left out. */
    readonly offered: readonly (ClientTool | FunctionTool)[],
    private readonly clientNames: ReadonlySet<string>,
  ) {}

  /** `withGatewayTools: false` for requests that must not run tools (Open WebUI background tasks). */
  static build(
    catalog: Pick<ToolCatalog, 'tools'>,
    scopes: ReadonlySet<string>,
    clientTools: readonly ClientTool[],
    withGatewayTools: boolean,
  ): ToolSet {
    const clientNames = new Set<string>();
    for (const tool of clientTools) {
      const name = clientToolName(tool);
      if (name) clientNames.add(name);
    }
    const gateway = withGatewayTools
      ? catalog
          .tools()
          .filter((tool) => scopeAllows(scopes, tool) && !clientNames.has(tool.descriptor.name))
          .map(asFunction)
      : [];
    return new ToolSet([...clientTools, ...gateway], clientNames);
  }

  /** Whether a call the model made is for the client to run. */
  isClientTool(name: string): boolean {
    return this.clientNames.has(name);
  }
}

/** A catalog tool as an OpenAI function definition. */
export function asFunction(tool: CatalogTool): FunctionTool {
  return {
    type: 'function',
    function: {
      name: tool.descriptor.name,
      description: tool.descriptor.description,
      parameters: tool.descriptor.inputSchema,
    },
  };
}

function clientToolName(tool: ClientTool): string | undefined {
  const fn = tool['function'];
  return isJsonObject(fn) && typeof fn['name'] === 'string' ? fn['name'] : undefined;
}
