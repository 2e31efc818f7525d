import { Type } from '@sinclair/typebox';
import { defineRequest, type ConnectorParams } from '../operation.js';
import { subject } from '../subjects.js';
import { ToolDescriptorSchema } from '../tool.js';

/**
 * `<prefix>.v1.connector.<name>.tools.list` — answered by one replica of the connector's queue group with
 * its tool descriptors. The fronts call it when an announcement carries a tools digest they have not seen.
 */
export const ConnectorToolsList = defineRequest({
  name: 'connector.tools.list',
  subject: (prefix: string, p: ConnectorParams) => subject(prefix, 'connector', p.connector, 'tools', 'list'),
  request: Type.Object({}, { additionalProperties: false }),
  response: Type.Object(
    {
      connector: Type.String(),
      version: Type.String(),
      /** sha256 of the canonical JSON of `tools`; equals the announced `toolsDigest`. */
      toolsDigest: Type.String(),
      tools: Type.Array(ToolDescriptorSchema),
    },
    { additionalProperties: false },
  ),
  timeoutMs: 5_000,
});
