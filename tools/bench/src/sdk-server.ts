import { createServer, type IncomingMessage } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/**
 * The baseline: a plain single-process MCP server written the way the official SDK documents stateless
 * Streamable HTTP (a server and a transport per request; a stateless transport cannot be reused). MODE=echo
 * answers without a backend; MODE=backend reads an entity from the Home Assistant simulator per call.
 */
const mode = process.env['MODE'] ?? 'echo';
const haUrl = process.env['HOMEASSISTANT_URL'] ?? '';
const haToken = process.env['HOMEASSISTANT_TOKEN'] ?? '';

function buildServer(): McpServer {
  const server = new McpServer({ name: `sdk-${mode}`, version: '1.0.0' });
  if (mode === 'echo') {
    server.registerTool(
      'echo',
      { description: 'Echo a message', inputSchema: { message: z.string() } },
      ({ message }) => ({
        content: [{ type: 'text', text: message }],
      }),
    );
  } else {
    server.registerTool(
      'get_state',
      { description: 'Read an entity', inputSchema: { entity_id: z.string() } },
      async ({ entity_id }) => {
        const res = await fetch(`${haUrl}/api/states/${entity_id}`, {
          headers: { authorization: `Bearer ${haToken}` },
        });
        return { content: [{ type: 'text', text: await res.text() }] };
      },
    );
  }
  return server;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

const http = createServer((req, res) => {
  void (async () => {
    const body = await readJson(req);
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  })().catch(() => {
    if (!res.headersSent) res.writeHead(500).end();
  });
});
http.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(
    `sdk-${mode} listening on ${typeof address === 'object' && address ? address.port : 0}\n`,
  );
});
process.on('SIGTERM', () => http.close(() => process.exit(0)));
