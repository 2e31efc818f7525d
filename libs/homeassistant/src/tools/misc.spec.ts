import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, textOf, type Harness } from '../spec-harness.js';

describe('template, calendar, conversation and config tools', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('homeassistant_render_template renders on the server', async () => {
    await h.json('homeassistant_call_service', {
      domain: 'light',
      service: 'turn_on',
      target: { entity_id: 'light.kitchen_ceiling' },
    });
    const reply = await h.call('homeassistant_render_template', {
      template: "Kitchen is {{ states('light.kitchen_ceiling') }}",
    });
    assert.ok('ok' in reply && reply.ok && !reply.result.isError);
    assert.equal(textOf(reply.result), 'Kitchen is on');
  });

  it('homeassistant_render_template returns template errors to the model', async () => {
    const text = await h.toolError('homeassistant_render_template', { template: '{{ states(' });
    assert.match(text, /template/i);
  });

  it('homeassistant_list_calendars and homeassistant_get_calendar_events', async () => {
    const calendars = await h.json<{ calendars: { entity_id: string; name: string }[] }>(
      'homeassistant_list_calendars',
      {},
    );
    assert.ok(calendars.calendars.some((c) => c.entity_id === 'calendar.family'));
    const events = await h.json<{
      start: string;
      end: string;
      total: number;
      events: { calendar: string; summary: string; start: string }[];
    }>('homeassistant_get_calendar_events', { hours: 24 * 30 });
    assert.ok(events.total > 0, JSON.stringify(events));
    const starts = events.events.map((e) =>
      Date.parse(e.start.length === 10 ? `${e.start}T00:00:00Z` : e.start),
    );
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    const family = await h.json<{ events: { calendar: string }[] }>('homeassistant_get_calendar_events', {
      entity_ids: ['calendar.family'],
      hours: 24 * 30,
    });
    assert.ok(family.events.every((e) => e.calendar === 'calendar.family'));
  });

  it('homeassistant_converse passes a sentence to Assist', async () => {
    const result = await h.json<{ speech: string; response_type: string; success?: { name: string }[] }>(
      'homeassistant_converse',
      { text: 'turn on the kitchen ceiling' },
    );
    assert.ok(result.speech.length > 0);
    assert.ok(['action_done', 'query_answer', 'error'].includes(result.response_type));
  });

  it('homeassistant_get_config gives version, time zone and local time', async () => {
    const config = await h.json<Record<string, unknown>>('homeassistant_get_config', {});
    assert.equal(typeof config['version'], 'string');
    assert.equal(typeof config['time_zone'], 'string');
    assert.match(String(config['local_time']), /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(typeof config['components'], 'number');
    assert.equal(config['integration_list'], undefined);
  });
});
