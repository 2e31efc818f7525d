export { authorizationServerMetadata, connectorScopes, protectedResourceMetadata } from './metadata.js';
export {
  BodyError,
  basicCredentials,
  formRecord,
  parseCookies,
  readForm,
  readJsonObject,
  readLimited,
} from './forms.js';
export {
  AUTHORIZE_PARAMS,
  describeScope,
  escape,
  pageHeaders,
  renderConsentPage,
  renderErrorPage,
} from './consent-page.js';
export type { ConsentPageInput } from './consent-page.js';
export { clearedCsrfCookie, csrfCookie, csrfCookieName } from './csrf-cookie.js';
export { OAuthEndpoints } from './oauth-endpoints.js';
export type { OAuthEndpointsOptions } from './oauth-endpoints.js';
export { clientAddress } from './client-address.js';
