import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuditRecord,
  ConnectorToolsCall,
  ConnectorToolsList,
  RegistryAnnounce,
  compileSchema,
  describeValidationErrors,
  auditSubjects,
  callerFor,
  replyEnvelopeSchema,
  subject,
  toolsDigest,
  isValidSubjectPrefix,
} from './index.js';
import * as corpus from './fixtures/corpus.js';

describe('subjects', () => {
  it('are versioned and prefixed', () => {
    assert.equal(
      ConnectorToolsCall.subject('gw', { connector: 'homeassistant' }),
      'gw.v1.connector.homeassistant.tools.call',
    );
    assert.equal(
      ConnectorToolsList.subject('t.run1', { connector: 'erpnext' }),
      't.run1.v1.connector.erpnext.tools.list',
    );
    assert.equal(RegistryAnnounce.subject('gw', {}), 'gw.v1.registry.announce');
    assert.equal(AuditRecord.subject('gw', { kind: 'auth-failure' }), 'gw.v1.audit.auth-failure');
    assert.equal(auditSubjects('gw'), 'gw.v1.audit.>');
    assert.equal(subject('gw', 'auth', 'verify'), 'gw.v1.auth.verify');
  });

  it('reject prefixes with wildcards or empty tokens', () => {
    assert.equal(isValidSubjectPrefix('gw'), true);
    assert.equal(isValidSubjectPrefix('test.run-1'), true);
    for (const bad of ['', 'gw.', '.gw', 'gw.*', 'gw.>', 'g w'])
      assert.equal(isValidSubjectPrefix(bad), false, bad);
  });
});

describe('contract corpus', () => {
  const callValidator = compileSchema(ConnectorToolsCall.request);
  const announceValidator = compileSchema(RegistryAnnounce.message);
  const replyValidator = compileSchema(replyEnvelopeSchema(ConnectorToolsCall.response));

  for (const c of corpus.toolsCallAccepted) {
    it(`tools.call accepts: ${c.name}`, () =>
      assert.equal(callValidator(c.message), true, describeValidationErrors(callValidator.errors)));
  }
  for (const c of corpus.toolsCallRejected) {
    it(`tools.call rejects: ${c.name}`, () => assert.equal(callValidator(c.message), false));
  }
  for (const c of corpus.announceAccepted) {
    it(`announce accepts: ${c.name}`, () =>
      assert.equal(announceValidator(c.message), true, describeValidationErrors(announceValidator.errors)));
  }
  for (const c of corpus.announceRejected) {
    it(`announce rejects: ${c.name}`, () => assert.equal(announceValidator(c.message), false));
  }
  for (const c of corpus.replyRejected) {
    it(`reply rejects: ${c.name}`, () => assert.equal(replyValidator(c.message), false));
  }
  const auditValidator = compileSchema(AuditRecord.message);
  for (const c of corpus.auditAccepted) {
    it(`audit record accepts: ${c.name}`, () =>
      assert.equal(auditValidator(c.message), true, describeValidationErrors(auditValidator.errors)));
  }
  for (const c of corpus.auditRejected) {
    it(`audit record rejects: ${c.name}`, () => assert.equal(auditValidator(c.message), false));
  }
  it('reply accepts ok, error and progress envelopes', () => {
    assert.equal(replyValidator({ ok: true, result: { content: [{ type: 'text', text: 'hi' }] } }), true);
    assert.equal(replyValidator({ ok: false, error: { code: 'TIMEOUT', message: 'took too long' } }), true);
    assert.equal(replyValidator({ progress: { progress: 1, total: 2, message: 'half' } }), true);
  });
});

describe('validation messages', () => {
  it('name the property and the rule', () => {
    const validate = compileSchema({
      type: 'object',
      properties: { entity_id: { type: 'string', pattern: '^[a-z_]+\\.[a-z0-9_]+$' } },
      required: ['entity_id'],
      additionalProperties: false,
    });
    assert.equal(validate({ entity_id: 'Kitchen', colour: 'red' }), false);
    const message = describeValidationErrors(validate.errors);
    assert.match(message, /entity_id must match pattern/);
    assert.match(message, /unexpected property "colour"/);
    assert.equal(validate({}), false);
    assert.match(describeValidationErrors(validate.errors), /missing required property "entity_id"/);
  });
});

describe('toolsDigest', () => {
  it('does not depend on key order', () => {
    assert.equal(toolsDigest([{ a: 1, b: { c: 2, d: 3 } }]), toolsDigest([{ b: { d: 3, c: 2 }, a: 1 }]));
    assert.notEqual(toolsDigest([{ a: 1 }]), toolsDigest([{ a: 2 }]));
  });
});

describe('callerFor', () => {
  it('carries the token kind, id and name, and leaves out what is unknown', () => {
    assert.deepEqual(
      callerFor('openapi', { subject: 'api-token:ci', kind: 'api-token', tokenId: 'tok_1', tokenName: 'ci' }),
      {
        surface: 'openapi',
        subject: 'api-token:ci',
        tokenKind: 'api-token',
        tokenId: 'tok_1',
        tokenName: 'ci',
      },
    );
    assert.deepEqual(callerFor('mcp', { subject: 'anonymous' }), { surface: 'mcp', subject: 'anonymous' });
    const callValidator = compileSchema(ConnectorToolsCall.request);
    const call = {
      callId: 'c0ffee00-1',
      tool: 'x_y',
      arguments: {},
      caller: callerFor('mcp', { subject: 'u', clientId: 'claude', kind: 'oauth' }),
    };
    assert.equal(callValidator(call), true, describeValidationErrors(callValidator.errors));
  });
});
