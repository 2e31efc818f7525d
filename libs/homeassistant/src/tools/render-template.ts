import { Type } from '@sinclair/typebox';
import { READ_ONLY, defineTool, textResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { freeObject } from '../schema.js';

const Input = Type.Object(
  {
    template: Type.String({
      minLength: 1,
      maxLength: 20_000,
      description: 'A Jinja2 template, e.g. "{{ states(\'sensor.outdoor_temperature\') }} °C".',
    }),
    variables: Type.Optional(freeObject('Variables available to the template, e.g. {"room": "kitchen"}.')),
  },
  { additionalProperties: false },
);

export const renderTemplate = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_render_template',
  title: 'Home Assistant: render a template',
  description: [
    'Renders a Home Assistant Jinja2 template on the server and returns the text. Templates read anything in Home Assistant at once and compute answers the other tools cannot:',
    "counts and aggregates ({{ states.light | selectattr('state','eq','on') | list | count }}), area and device lookups ({{ area_entities('kitchen') }}, {{ area_name('light.x') }}), attributes ({{ state_attr('climate.hall','temperature') }}), time maths ({{ now() - states.binary_sensor.door.last_changed }}), and labels/floors (label_entities, floor_areas).",
    'Rendering has no side effects. Template errors come back as an error to fix and retry. Needs an administrator token.',
    "Example: {\"template\": \"{{ states.sensor | selectattr('attributes.device_class','eq','battery') | map(attribute='entity_id') | list }}\"}.",
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    const body = args.variables
      ? { template: args.template, variables: args.variables }
      : { template: args.template };
    const text = await backend.rest.postText('/api/template', body, { signal, idempotent: true });
    return textResult(text);
  },
});
