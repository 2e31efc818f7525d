import { runConnectorMain } from '@mcp-gateway/connector-kit';
import { homeAssistantConnector } from '@mcp-gateway/homeassistant';

runConnectorMain(homeAssistantConnector);
