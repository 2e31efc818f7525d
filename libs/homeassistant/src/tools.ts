import type { ToolDefinition } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from './backend.js';
import { callService } from './tools/call-service.js';
import { getCalendarEvents, listCalendars } from './tools/calendars.js';
import { converse } from './tools/converse.js';
import { getConfig } from './tools/get-config.js';
import { getHistory } from './tools/get-history.js';
import { getLogbook } from './tools/get-logbook.js';
import { getState } from './tools/get-state.js';
import { listAreas } from './tools/list-areas.js';
import { listDevices } from './tools/list-devices.js';
import { listEntities } from './tools/list-entities.js';
import { listServices } from './tools/list-services.js';
import { renderTemplate } from './tools/render-template.js';

export const homeAssistantTools: readonly ToolDefinition<HomeAssistantBackend>[] = [
  listEntities,
  getState,
  callService,
  getHistory,
  getLogbook,
  listAreas,
  listDevices,
  listServices,
  renderTemplate,
  listCalendars,
  getCalendarEvents,
  converse,
  getConfig,
];
