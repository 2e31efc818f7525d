import { runConnectorMain } from '@mcp-gateway/connector-kit';
import { erpnextConnector } from '@mcp-gateway/erpnext';

runConnectorMain(erpnextConnector);
