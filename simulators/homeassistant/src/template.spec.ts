import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningHomeAssistantSimulator } from './server.js';
import { api, startSim } from './spec-helpers.js';
import { renderTemplate } from './template/render.js';

describe('templates', () => {
  let sim: RunningHomeAssistantSimulator;
  const render = (template: string): string => String(renderTemplate(sim.state, template).result);
  before(async () => {
    sim = await startSim();
  });
  after(() => sim.close());

  it('reads states, attributes and areas', () => {
    assert.equal(render("Paulus is at {{ states('device_tracker.paulus') }}!"), 'Paulus is at unknown!');
    assert.equal(render("{{ states('lock.front_door') }}"), 'locked');
    assert.equal(render("{{ state_attr('light.kitchen_ceiling', 'friendly_name') }}"), 'Kitchen Ceiling');
    assert.equal(render("{{ state_attr('light.kitchen_ceiling', 'nope') }}"), 'None');
    assert.equal(render("{{ is_state('lock.front_door', 'locked') }}"), 'True');
    assert.equal(render("{{ area_name('light.kitchen_ceiling') }}"), 'Kitchen');
    assert.equal(
      render("{{ area_entities('office') | select('match', 'light') | list }}"),
      "['light.office_desk_lamp']",
    );
    assert.equal(render('{{ states.lock.front_door.name }}'), 'Front Door');
    assert.match(render('{{ now() }}'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d$/);
  });

  it('applies filters with Python semantics', () => {
    assert.equal(render('{{ 21 | float }}'), '21.0');
    assert.equal(render('{{ 21.456 | round(1) }}'), '21.5');
    assert.equal(render('{{ 2.5 | round }}'), '2');
    assert.equal(render('{{ 10 / 4 }} {{ 7 // 2 }} {{ 2 ** 3 }}'), '2.5 3 8');
    assert.equal(render("{{ ['b', 'a'] | sort | join(', ') }}"), 'a, b');
    assert.equal(render("{{ area_entities('kitchen') | count > 3 }}"), 'True');
    assert.equal(render("{{ 'x' | list }}"), "['x']");
    assert.equal(render("{{ {'a': 1} }}"), "{'a': 1}");
    assert.equal(render("{{ states('sensor.nope') | float(0) }}"), '0');
  });

  it('runs if/elif/else and for loops with loop variables', () => {
    assert.equal(
      render("{% if is_state('lock.front_door', 'unlocked') %}open{% elif true %}shut{% else %}?{% endif %}"),
      'shut',
    );
    assert.equal(
      render('{% for x in [1, 2, 3] %}{{ x }}{% if not loop.last %}-{% endif %}{% endfor %}'),
      '1-2-3',
    );
    assert.equal(render('{% for x in [] %}{{ x }}{% else %}empty{% endfor %}'), 'empty');
    assert.equal(
      render(
        '{% set ns = namespace(n=0) %}{% for s in states.cover %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}',
      ),
      '3',
    );
    assert.equal(render('  {%- if true -%}  x  {%- endif -%}  '), 'x');
  });

  it('raises HA-shaped errors', () => {
    assert.throws(() => render('{{ 1 + }}'), {
      message: "TemplateSyntaxError: unexpected 'end of print statement'",
    });
    assert.throws(() => render('{% if true %}x'), {
      message: /^TemplateSyntaxError: Unexpected end of template/,
    });
    assert.throws(() => render('{% macro m() %}{% endmacro %}'), {
      message: "TemplateSyntaxError: Encountered unknown tag 'macro'.",
    });
    assert.throws(() => render('{{ 1 | nope }}'), {
      message: "TemplateAssertionError: No filter named 'nope'.",
    });
    assert.throws(() => render('{{ nope() }}'), { message: "UndefinedError: 'nope' is undefined" });
    assert.throws(() => render("{{ 'a' | float }}"), {
      message: /^ValueError: Template error: float got invalid input 'a' when rendering template/,
    });
  });

  it('parses results for WS and reports what was read', () => {
    const out = renderTemplate(
      sim.state,
      "{{ states('sensor.kitchen_sensor_temperature') | float + 1 }}",
      {},
      { parseResult: true },
    );
    assert.equal(typeof out.result, 'number');
    assert.deepEqual([...out.info.entities], ['sensor.kitchen_sensor_temperature']);
    assert.deepEqual(renderTemplate(sim.state, '{{ [1, 2] }}', {}, { parseResult: true }).result, [1, 2]);
    assert.equal(renderTemplate(sim.state, '007', {}, { parseResult: true }).result, '007');
  });

  it('renders over REST as text/plain and reports errors as JSON 400', async () => {
    const ok = await api(sim, '/api/template', {
      body: {
        template: 'Lights on: {{ states.light | selectattr("state", "eq", "on") | list | count >= 0 }}',
      },
    });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(ok.text, 'Lights on: True');
    const vars = await api(sim, '/api/template', {
      body: { template: '{{ who }} is {{ age + 1 }}', variables: { who: 'Ann', age: 40 } },
    });
    assert.equal(vars.text, 'Ann is 41');
    const bad = await api(sim, '/api/template', { body: { template: '{% for %}' } });
    assert.equal(bad.status, 400);
    assert.match(
      String((bad.json() as Record<string, unknown>)['message']),
      /^Error rendering template: TemplateSyntaxError: /,
    );
  });
});
