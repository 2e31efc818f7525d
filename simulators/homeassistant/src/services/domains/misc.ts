import { processConversation } from '../../conversation/agent.js';
import type { HomeAssistantState } from '../../core/hass.js';
import { isoformat, nowMicros } from '../../core/time.js';
import { any, ensureList, str } from '../../core/vol.js';
import { field, textField } from '../fields.js';
import { entityIds } from '../targets.js';

/** `notify.*` legacy services: no state, the message is only recorded (test hook). */
export function registerNotifyServices(hass: HomeAssistantState): void {
  const targets: [string, string][] = [
    ['notify', 'Sends a notification message using the notify service.'],
    ['mobile_app_pixel_8', 'Sends a notification message using the mobile_app_pixel_8 integration.'],
    ['persistent_notification', 'Sends a notification that is visible in the notifications panel.'],
  ];
  for (const [service, description] of targets) {
    hass.services.register('notify', service, {
      name:
        service === 'persistent_notification'
          ? 'Send a persistent notification'
          : `Send a notification with ${service}`,
      description,
      fields: {
        message: textField('Message', 'Message body of the notification.', {
          required: true,
          example: 'The garage door has been open for 10 minutes.',
        }),
        title: textField('Title', 'Title for your notification.', { example: 'Your Garage Door Friend' }),
        ...(service === 'persistent_notification'
          ? {}
          : {
              target: field(
                ensureList(str),
                'Target',
                'Some integrations allow you to specify the targets that receive the notification.',
                { object: null },
                { advanced: true },
              ),
            }),
        data: field(
          any,
          'Data',
          'Some integrations provide extended functionality.',
          { object: null },
          { advanced: true },
        ),
      },
      handler: (call) => {
        hass.notifications.push({
          service: `notify.${service}`,
          message: String(call.data['message']),
          title: typeof call.data['title'] === 'string' ? call.data['title'] : null,
          data: call.data['data'] ?? null,
          sentAt: isoformat(nowMicros()),
        });
        return undefined;
      },
    });
  }
}

/** `logbook.log`: a custom logbook row via the `logbook_entry` event. */
export function registerLogbookServices(hass: HomeAssistantState): void {
  hass.services.register('logbook', 'log', {
    name: 'Log',
    description: 'Creates a custom entry in the logbook.',
    fields: {
      name: textField('Name', 'Custom name for an entity, can be referenced using an `entity_id`.', {
        required: true,
        example: 'Kitchen',
      }),
      message: textField('Message', 'Message of the logbook entry.', {
        required: true,
        example: 'is being used',
      }),
      entity_id: field(entityIds, 'Entity ID', 'Entity to reference in the logbook entry.', { entity: null }),
      domain: textField(
        'Domain',
        'Determines which icon is used in the logbook entry. The icon illustrates the integration domain related to this logbook entry.',
        { example: 'light' },
      ),
    },
    handler: (call) => {
      const ids = call.data['entity_id'];
      hass.bus.fire(
        'logbook_entry',
        {
          name: call.data['name'],
          message: call.data['message'],
          ...(Array.isArray(ids) && ids[0] ? { entity_id: ids[0] } : {}),
          ...(typeof call.data['domain'] === 'string' ? { domain: call.data['domain'] } : {}),
        },
        call.context,
      );
      return undefined;
    },
  });
}

/** `conversation.process`: the default agent, optionally returning its result. */
export function registerConversationServices(hass: HomeAssistantState): void {
  hass.services.register('conversation', 'process', {
    name: 'Process',
    description: 'Launches a conversation from a transcribed text.',
    supportsResponse: 'optional',
    fields: {
      text: textField('Text', 'Transcribed text input.', { required: true, example: 'Turn all lights on' }),
      language: textField('Language', 'Language of text. Defaults to server language.', { example: 'NL' }),
      agent_id: field(
        str,
        'Agent',
        'Conversation agent to process your request. The conversation agent is the brains of your assistant. It processes the incoming text commands.',
        { conversation_agent: null },
        { example: 'homeassistant' },
      ),
      conversation_id: textField(
        'Conversation ID',
        'ID of the conversation, to be able to continue a previous conversation',
        { example: 'my_conversation_1' },
      ),
    },
    handler: (call) => {
      const out = processConversation(
        hass,
        {
          text: String(call.data['text']),
          language: typeof call.data['language'] === 'string' ? call.data['language'] : undefined,
          conversation_id:
            typeof call.data['conversation_id'] === 'string' ? call.data['conversation_id'] : null,
        },
        call.context,
      );
      return call.returnResponse ? out : undefined;
    },
  });
}
