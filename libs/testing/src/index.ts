export { NATS_URL, REPO_ROOT, uniquePrefix } from './repo.js';
export { waitFor } from './wait.js';
export { freePort } from './free-port.js';
export { startService } from './service-process.js';
export type { ServiceProcess } from './service-process.js';
export { canConnect, startPrivateNats } from './nats-server.js';
export type { PrivateNats } from './nats-server.js';
export { OpenWebUiFramingError, readOpenWebUiStream } from './openwebui-stream.js';
export type {
  OpenWebUiStreamErrorObject,
  OpenWebUiStreamRead,
  OpenWebUiToolCall,
  OpenWebUiUsage,
  ReadOpenWebUiStreamOptions,
} from './openwebui-stream.js';
export { textOf, toolDriver } from './tool-driver.js';
export type { ToolRuntime } from './tool-driver.js';
export {
  PROTOTYPE_KEYS,
  UNICODE_TRICKS,
  brokenJsonText,
  elapsedMs,
  hostileJsonText,
  hostileJsonValue,
  hostileString,
  jsonNumberText,
  nestedJsonText,
} from './hostile-json.js';
