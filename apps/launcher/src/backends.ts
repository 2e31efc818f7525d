import { randomBytes } from 'node:crypto';

/**
 * The backends `npm start` knows: which variable says where the real one is, and, when it is unset, how
 * to run its demo simulator and point the connector at it.
 */
export interface BackendSpec {
  readonly name: 'homeassistant' | 'erpnext' | 'truenas' | 'wave';
  readonly display: string;
  /** Set → the real backend is used (unless DEMO=1). */
  readonly urlVar: string;
  /** Where the real backend is, for the summary (never a secret); defaults to the value of `urlVar`. */
  readonly location?: (env: NodeJS.ProcessEnv) => string;
  /** What the user must set to use their own. */
  readonly ownVars: readonly string[];
  /** The simulator's environment and the connector's, for a simulator on `port`. */
  demo(port: number): {
    readonly simulator: Record<string, string>;
    readonly connector: Record<string, string>;
  };
}

const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');

export const BACKENDS: readonly BackendSpec[] = [
  {
    name: 'homeassistant',
    display: 'Home Assistant',
    urlVar: 'HOMEASSISTANT_URL',
    ownVars: ['HOMEASSISTANT_URL', 'HOMEASSISTANT_TOKEN'],
    demo: (port) => {
      const token = secret();
      return {
        simulator: { HOMEASSISTANT_TOKEN: token },
        connector: { HOMEASSISTANT_URL: `http://127.0.0.1:${port}`, HOMEASSISTANT_TOKEN: token },
      };
    },
  },
  {
    name: 'erpnext',
    display: 'ERPNext',
    urlVar: 'ERPNEXT_URL',
    ownVars: ['ERPNEXT_URL', 'ERPNEXT_API_KEY', 'ERPNEXT_API_SECRET'],
    demo: (port) => {
      const key = secret(8);
      const apiSecret = secret(12);
      return {
        simulator: { ERPNEXT_API_KEY: key, ERPNEXT_API_SECRET: apiSecret },
        connector: {
          ERPNEXT_URL: `http://127.0.0.1:${port}`,
          ERPNEXT_API_KEY: key,
          ERPNEXT_API_SECRET: apiSecret,
        },
      };
    },
  },
  {
    name: 'truenas',
    display: 'TrueNAS',
    urlVar: 'TRUENAS_URL',
    ownVars: ['TRUENAS_URL', 'TRUENAS_API_KEY'],
    demo: (port) => {
      const key = `1-${secret(32)}`;
      return {
        simulator: { TRUENAS_API_KEY: key },
        // The simulator speaks plain ws:// on loopback; the connector refuses that unless told it is local.
        connector: {
          TRUENAS_URL: `ws://127.0.0.1:${port}`,
          TRUENAS_API_KEY: key,
          TRUENAS_ALLOW_INSECURE: '1',
        },
      };
    },
  },
  {
    name: 'wave',
    display: 'Wave',
    // WAVE_URL defaults to Wave's public endpoint, so a token is what says "use the real Wave".
    urlVar: 'WAVE_TOKEN',
    location: (env) => env['WAVE_URL'] ?? 'https://gql.waveapps.com/graphql/public',
    ownVars: ['WAVE_TOKEN', 'WAVE_BUSINESS_ID'],
    demo: (port) => {
      const token = secret();
      return {
        simulator: { WAVE_TOKEN: token },
        connector: { WAVE_URL: `http://127.0.0.1:${port}/graphql/public`, WAVE_TOKEN: token },
      };
    },
  },
];
