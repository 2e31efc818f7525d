import { scopeAllows, type ToolCatalog } from '@mcp-gateway/catalog';
import type { OpenAiModel } from './openai-types.js';
import type { ChatPrincipal } from './principal.js';
import type { Reply } from './reply.js';
import { lastUserText, type ChatRequest } from './request.js';
import { excerpt } from './text.js';
import type { ToolRunner } from './tool-runner.js';
import { NO_USAGE } from './usage.js';

/** The id of the built-in model that needs no LLM. */
export const GATEWAY_MODEL_ID = 'gateway';

/** How `GET /v1/models` lists it. */
export const GATEWAY_MODEL: OpenAiModel = {
  id: GATEWAY_MODEL_ID,
  object: 'model',
  created: 1767225600,
  owned_by: 'gateway',
  name: 'Gateway tools (no LLM)',
};

/** `/<tool_name> <JSON arguments>`; the arguments may span lines and may be left out. */
const EXPLICIT_CALL = /^\/([a-zA-Z0-9_-]{1,64})(?:\s+([\s\S]*))?$/;

/**
 * The built-in `gateway` model: useful with no upstream LLM at all, and for checking what a token may
 * do. A message of the form `/<tool_name> <JSON arguments>` (e.g.
 * `/homeassistant_get_state {"entity_ids":["light.kitchen"]}`) runs that tool — with the same checks as
 * any call — and answers with its result text or a clear error; any other message is answered with the
 * tools the caller's scopes allow, one line each.
 */
export class GatewayModel {
  constructor(
    private readonly catalog: Pick<ToolCatalog, 'tools'>,
    private readonly runner: ToolRunner,
  ) {}

  async answer(
    request: ChatRequest,
    principal: ChatPrincipal,
    reply: Reply,
    signal: AbortSignal,
  ): Promise<void> {
    const call = EXPLICIT_CALL.exec(lastUserText(request.messages)?.trim() ?? '');
    reply.begin();
    if (!call?.[1]) {
      reply.delta({ content: this.listing(principal) });
      reply.finish('stop', NO_USAGE);
      return;
    }
    const outcome = await this.runner.run(call[1], call[2] ?? '', principal, reply, signal);
    const hint =
      outcome.kind === 'unknown_tool' ? '\n\nSend a message without a leading `/` to list your tools.' : '';
    reply.delta({ content: outcome.text + hint });
    reply.finish('stop', NO_USAGE);
  }

  private listing(principal: ChatPrincipal): string {
    const tools = this.catalog.tools().filter((tool) => scopeAllows(principal.scopes, tool));
    if (tools.length === 0) {
      return 'No tools are available to this token: its scopes allow none of the connected tools.';
    }
    const lines = tools.map(
      (tool) =>
        `- \`${tool.descriptor.name}\` — ${excerpt(tool.descriptor.description.split('\n')[0] ?? '', 160)}`,
    );
    const example = tools[0]?.descriptor.name ?? 'tool_name';
    return [
      `You can use ${tools.length} tool${tools.length === 1 ? '' : 's'}:`,
      '',
      ...lines,
      '',
      `Run one by sending \`/<tool name> <JSON arguments>\`, for example \`/${example} {}\`.`,
    ].join('\n');
  }
}
