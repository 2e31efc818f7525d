export { AuthStore } from './store.js';
export type { AuthStoreOptions, BucketName, Stored } from './store.js';
