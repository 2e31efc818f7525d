export { ToolCatalog } from './tool-catalog.js';
export type { CatalogOptions } from './tool-catalog.js';
export { ToolInvoker } from './tool-invoker.js';
export type { InvokeOptions, InvokerOptions, RetryReason } from './tool-invoker.js';
export { InstanceWatch } from './instance-watch.js';
export { scopeAllows } from './scopes.js';
export type { CatalogTool, ConnectorView, InstanceView } from './catalog-types.js';
export { connectEdge } from './edge-bus.js';
export type { EdgeBus } from './edge-bus.js';
