export { erpnextConnector } from './connector.js';
export { readConfig } from './config.js';
export type { ErpnextConfig } from './config.js';
export { ErpnextBackend } from './backend.js';
export { FrappeClient } from './frappe-client.js';
export type { Answer, Doc, ListParams } from './frappe-client.js';
export { FrappeRequestError, describeFrappeError, serverMessages } from './frappe-errors.js';
export { erpnextTools } from './tools.js';
