import { BusClient, BusConnection } from '@mcp-gateway/bus';
import { ToolCatalog, ToolInvoker } from '@mcp-gateway/catalog';
import type { ToolResult } from '@mcp-gateway/contracts';
import { waitFor } from '@mcp-gateway/testing';

/** The front's side of the bus, in process: catalog plus invoker, as mcp-front wires them. */
export async function startFrontSide(prefix: string, natsUrl: string) {
  const bus = await BusConnection.connect({ servers: [natsUrl], prefix, name: 'test-front' });
  const client = new BusClient(bus);
  const catalog = new ToolCatalog(client, { self: 'test-front' });
  catalog.start();
  const invoker = new ToolInvoker(client, 10_000);
  const call = async (
    name: string,
    args: Record<string, unknown>,
    options: Partial<Parameters<ToolInvoker['invoke']>[2]> = {},
  ): Promise<ToolResult> => {
    const tool = await waitFor(() => catalog.tool(name), 5_000, `tool ${name} in the catalog`);
    return invoker.invoke(tool, args, { caller: { surface: 'cli', subject: 'test' }, ...options });
  };
  return {
    bus,
    client,
    catalog,
    invoker,
    call,
    instances: (connector: string) => catalog.view().find((c) => c.name === connector)?.instances.length ?? 0,
    close: async () => {
      catalog.stop();
      await bus.close();
    },
  };
}

export function servedBy(result: ToolResult): string {
  const first = result.content[0];
  if (first?.type !== 'text') throw new Error('expected text content');
  return (JSON.parse(first.text) as { served: string }).served;
}
