import { Type } from '@sinclair/typebox';
import { DESTRUCTIVE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import type { HassConversationResult, HassIntentTarget } from '../types.js';

const Input = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 1000,
      description:
        'What the user said, e.g. "turn off the kitchen lights" or "what is the temperature in the bedroom?".',
    }),
    language: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 20,
        description: 'Language code, e.g. "en" or "de". Default: Home Assistant\'s language.',
      }),
    ),
    agent_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'Conversation agent, e.g. "conversation.home_assistant". Default: the built-in agent.',
      }),
    ),
    conversation_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'Continue an earlier conversation: the conversation_id a previous call returned.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const converse = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_converse',
  title: 'Home Assistant: talk to Assist',
  description: [
    "Sends a natural-language command or question to Home Assistant's Assist (conversation agent) as if spoken to a voice assistant, and returns its spoken answer and which targets succeeded or failed.",
    'Assist resolves names, aliases and areas the way the household set them up, and only touches entities exposed to Assist.',
    'Prefer homeassistant_call_service for exact control; use this for requests phrased the way the user said them, or when Assist aliases matter. It can act on devices.',
    'Example: {"text": "turn on the lights in the living room"}.',
  ].join(' '),
  input: Input,
  annotations: DESTRUCTIVE,
  async run(args, { backend, signal }) {
    const result = await backend.rest.post<HassConversationResult>('/api/conversation/process', args, {
      signal,
    });
    const response = result.response;
    const out: Record<string, unknown> = {
      speech: response.speech?.plain?.speech ?? '',
      response_type: response.response_type,
    };
    if (response.response_type === 'error' && response.data?.code) out['error_code'] = response.data.code;
    const success = targets(response.data?.success);
    const failed = targets(response.data?.failed);
    if (success.length > 0) out['success'] = success;
    if (failed.length > 0) out['failed'] = failed;
    if (result.conversation_id) out['conversation_id'] = result.conversation_id;
    if (result.continue_conversation) out['continue_conversation'] = true;
    return jsonResult(out);
  },
});

function targets(
  list: readonly HassIntentTarget[] | undefined,
): { name: string; type: string; id?: string }[] {
  return (list ?? []).map((t) =>
    t.id ? { name: t.name, type: t.type, id: t.id } : { name: t.name, type: t.type },
  );
}
