import { InvalidArgumentError } from 'commander';
import { AuthApiTokenCreate, AuthApiTokenRevoke, SCOPE_PATTERN, compileSchema } from '@mcp-gateway/contracts';

const scopePattern = new RegExp(SCOPE_PATTERN);
const MAX_SCOPES = AuthApiTokenCreate.request.properties.scopes.maxItems ?? 64;

/** Reads `--scopes a,b`: each one `*`, `offline_access`, `<connector>:read` or `<connector>:write`. */
export function parseScopes(value: string): string[] {
  const scopes = [
    ...new Set(
      value
        .split(',')
        .map((scope) => scope.trim())
        .filter((scope) => scope !== ''),
    ),
  ];
  if (scopes.length === 0) throw new InvalidArgumentError('Give at least one scope, e.g. --scopes "*".');
  const wrong = scopes.filter((scope) => !scopePattern.test(scope));
  if (wrong.length > 0) {
    throw new InvalidArgumentError(
      `${wrong.map((scope) => JSON.stringify(scope)).join(', ')} ${wrong.length === 1 ? 'is not a scope' : 'are not scopes'}; ` +
        'use *, offline_access, <connector>:read or <connector>:write (e.g. homeassistant:read).',
    );
  }
  if (scopes.length > MAX_SCOPES) throw new InvalidArgumentError(`At most ${MAX_SCOPES} scopes.`);
  return scopes;
}

/** Reads `--name`: what the contract accepts, checked here so the message can say it plainly. */
export function parseName(value: string): string {
  if (!compileSchema(AuthApiTokenCreate.request.properties.name)(value)) {
    throw new InvalidArgumentError(
      'A token name is 1 to 64 letters, digits, spaces, dots, underscores or hyphens, starting with a letter or digit.',
    );
  }
  return value;
}

/** Reads the `<id|name>` of `token revoke`. */
export function parseTokenRef(value: string): string {
  if (!compileSchema(AuthApiTokenRevoke.request.properties.ref)(value)) {
    throw new InvalidArgumentError('Give a token id or name of 1 to 64 characters.');
  }
  return value;
}
