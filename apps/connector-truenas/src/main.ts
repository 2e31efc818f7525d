import { runConnectorMain } from '@mcp-gateway/connector-kit';
import { trueNasConnector } from '@mcp-gateway/truenas';

runConnectorMain(trueNasConnector);
