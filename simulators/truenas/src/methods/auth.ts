import { ValidationErrors } from '../errors.js';
import type { TrueNasState } from '../state/store.js';
import { boolField, isObject, objectArg, positional, stringField } from './params.js';
import type { MethodContext, MethodTable } from './types.js';

const MECHANISMS = ['API_KEY_PLAIN', 'PASSWORD_PLAIN', 'TOKEN_PLAIN', 'OTP_TOKEN'] as const;
const FIELDS: Readonly<Record<(typeof MECHANISMS)[number], readonly string[]>> = {
  API_KEY_PLAIN: ['mechanism', 'username', 'api_key', 'login_options'],
  PASSWORD_PLAIN: ['mechanism', 'username', 'password', 'login_options'],
  TOKEN_PLAIN: ['mechanism', 'token', 'login_options'],
  OTP_TOKEN: ['mechanism', 'otp_token', 'login_options'],
};

type LoginResult =
  | { response_type: 'SUCCESS'; user_info: Record<string, unknown> | null; authenticator: 'LEVEL_1' }
  | { response_type: 'AUTH_ERR' }
  | { response_type: 'EXPIRED' };

function me(state: TrueNasState): Record<string, unknown> {
  return {
    pw_name: state.options.username,
    pw_gecos: 'TrueNAS Administrator',
    pw_dir: `/home/${state.options.username}`,
    pw_shell: '/usr/bin/zsh',
    pw_uid: 950,
    pw_gid: 950,
    grouplist: [544, 950],
    sid: null,
    source: 'LOCAL',
    local: true,
    attributes: {},
    two_factor_config: { secret_configured: false, interval: 30, otp_digits: 6 },
    privilege: {
      roles: { $set: ['FULL_ADMIN'] },
      allowlist: [{ method: '*', resource: '*' }],
      web_shell: true,
    },
    account_attributes: ['LOCAL', 'API_KEY'],
  };
}

/**
 * `login_ex_api_key_plain` (`plugins/auth_/login_ex_impl.py`): the key must belong to `username`; a revoked
 * key fails like a wrong one; a good key over an insecure transport is revoked and answers EXPIRED.
 */
function loginWithKey(ctx: MethodContext, username: string, apiKey: string, userInfo: boolean): LoginResult {
  const { state, session } = ctx;
  if (apiKey !== state.options.apiKey || username !== state.options.username || state.keyRevoked) {
    return { response_type: 'AUTH_ERR' };
  }
  if (!session.secureTransport) {
    state.keyRevoked = true;
    return { response_type: 'EXPIRED' };
  }
  session.authenticated = true;
  session.username = username;
  return { response_type: 'SUCCESS', user_info: userInfo ? me(state) : null, authenticator: 'LEVEL_1' };
}

export const AUTH_METHODS: MethodTable = {
  'auth.login_ex': {
    noAuth: true,
    run: (ctx, params) => {
      positional(params, ['login_data']);
      const raw = params[0];
      if (!isObject(raw)) {
        throw ValidationErrors.one(
          'login_data',
          'Input should be a valid dictionary or object to extract fields from',
        );
      }
      const mechanism = raw['mechanism'];
      if (mechanism === undefined) throw ValidationErrors.one('login_data.mechanism', 'Field required');
      if (!(MECHANISMS as readonly unknown[]).includes(mechanism)) {
        throw ValidationErrors.one(
          'login_data',
          `Input tag '${typeof mechanism === 'string' ? mechanism : JSON.stringify(mechanism)}' found using 'mechanism' does not match any of the expected tags: ${MECHANISMS.map((m) => `'${m}'`).join(', ')}`,
        );
      }
      const kind = mechanism as (typeof MECHANISMS)[number];
      const data = objectArg(raw, `login_data.${kind}`, FIELDS[kind]);
      const options =
        data['login_options'] === undefined
          ? {}
          : objectArg(data['login_options'], `login_data.${kind}.login_options`, [
              'user_info',
              'reconnect_token',
            ]);
      const userInfo = boolField(options['user_info'], `login_data.${kind}.login_options.user_info`, true);
      if (kind !== 'API_KEY_PLAIN') {
        for (const field of FIELDS[kind].slice(1, -1))
          stringField(data[field], `login_data.${kind}.${field}`);
        return { response_type: 'AUTH_ERR' };
      }
      const username = stringField(data['username'], `login_data.${kind}.username`);
      const apiKey = stringField(data['api_key'], `login_data.${kind}.api_key`);
      return loginWithKey(ctx, username, apiKey, userInfo);
    },
  },

  'auth.login_with_api_key': {
    noAuth: true,
    removedIn: [27, 0],
    run: (ctx, params) => {
      positional(params, ['api_key']);
      const apiKey = stringField(params[0], 'api_key');
      return loginWithKey(ctx, ctx.state.options.username, apiKey, false).response_type === 'SUCCESS';
    },
  },

  'auth.me': { run: ({ state }) => me(state) },

  'auth.logout': {
    run: ({ session }) => {
      session.authenticated = false;
      session.username = undefined;
      return true;
    },
  },
};
