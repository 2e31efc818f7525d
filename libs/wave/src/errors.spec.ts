import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '@mcp-gateway/contracts';
import { ToolError } from '@mcp-gateway/connector-kit';
import { WaveGraphQLError, argumentPath, graphQLErrorsToError, inputErrorsMessage } from './errors.js';

describe('Wave input errors', () => {
  it("names the tool argument behind Wave's input path", () => {
    assert.equal(argumentPath(['input', 'items', 0, 'productId']), 'items[0].product_id');
    assert.equal(argumentPath(['input', 'lineItems', '1', 'accountId']), 'line_items[1].account_id');
    assert.equal(argumentPath(['input', 'businessId']), 'business_id');
    assert.equal(argumentPath(null), '');
  });

  it('joins every reason into one sentence the model can act on', () => {
    const message = inputErrorsMessage('create the invoice', [
      { path: ['input', 'items', 0, 'productId'], message: 'Product not found.', code: 'NOT_FOUND' },
      {
        path: ['input', 'dueDate'],
        message: 'The due date cannot be before the invoice date.',
        code: 'INVALID',
      },
      { path: null, message: null, code: 'UNKNOWN' },
    ]);
    assert.equal(
      message,
      'Wave refused to create the invoice: items[0].product_id: Product not found.; due_date: The due date cannot be before the invoice date.; UNKNOWN',
    );
  });

  it('explains didSucceed:false without input errors (an id of another business)', () => {
    assert.match(inputErrorsMessage('record the transaction', []), /belongs to a different business/);
  });
});

describe('GraphQL errors', () => {
  const entry = (code: string, message = 'boom', path?: string[]) => ({
    message,
    ...(path ? { path } : {}),
    extensions: { code, id: 'e486c5f4-49b0-456f-897c-6d21bdabcde7' },
  });

  it('UNAUTHENTICATED and FORBIDDEN are auth failures on the wire', () => {
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN']) {
      const error = graphQLErrorsToError([entry(code)]);
      assert.ok(error instanceof BusError && error.code === 'BACKEND_AUTH_FAILED', code);
      assert.match(error.message, /WAVE_TOKEN/);
    }
  });

  it("a rejected document is the connector's fault, not the model's", () => {
    const error = graphQLErrorsToError([entry('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "nope"')]);
    assert.ok(error instanceof BusError && error.code === 'BACKEND_ERROR');
    assert.match(error.message, /Cannot query field "nope"/);
  });

  it('internal errors carry the support reference and nothing else', () => {
    const error = graphQLErrorsToError([entry('INTERNAL_SERVER_ERROR', 'stack trace at line 12')]);
    assert.ok(error instanceof BusError && error.code === 'BACKEND_ERROR');
    assert.match(error.message, /e486c5f4-49b0-456f-897c-6d21bdabcde7/);
    assert.doesNotMatch(error.message, /stack trace/);
  });

  it('bad input and not-found are tool errors with the message and path', () => {
    const bad = graphQLErrorsToError([entry('BAD_USER_INPUT', 'Variable "$input" got invalid value')]);
    assert.ok(bad instanceof WaveGraphQLError && bad instanceof ToolError);
    assert.match(bad.message, /Wave rejected a value: Variable "\$input" got invalid value/);
    const missing = graphQLErrorsToError([entry('NOT_FOUND', 'Invoice not found.', ['business', 'invoice'])]);
    assert.ok(missing instanceof WaveGraphQLError && missing.all('NOT_FOUND'));
    assert.match(missing.message, /Invoice not found\. \(at business\.invoice\)/);
  });
});
