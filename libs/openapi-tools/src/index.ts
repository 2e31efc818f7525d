export { openApiDocument } from './openapi-document.js';
export type { OpenApiDocumentOptions } from './openapi-document.js';
export { ToolEndpoint } from './tool-endpoint.js';
export type { ToolAnswer, ToolCaller } from './tool-endpoint.js';
