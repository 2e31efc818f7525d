import { runConnectorMain } from '@mcp-gateway/connector-kit';
import { waveConnector } from '@mcp-gateway/wave';

runConnectorMain(waveConnector);
