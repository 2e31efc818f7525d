export { StaticTokens, bearerToken } from './static-tokens.js';
export type { TokenPrincipal } from './static-tokens.js';
export {
  insufficientScopeChallenge,
  protectedResourceMetadataUrl,
  unauthorizedChallenge,
} from './challenge.js';
