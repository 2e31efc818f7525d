import type { EnvReader } from '@mcp-gateway/config';
import type { Rate } from './token-buckets.js';

/** The limits of one front, read from the environment once at boot. `undefined` means no limit. */
export interface RateLimitConfig {
  /** `RATE_LIMIT`: requests per minute per token on `/mcp`, `/v1/*`, `/openapi.json` and `/tools/*`. */
  readonly perToken: Rate | undefined;
  /** `RATE_LIMIT_TOOLS`: calls per minute per token of each tool named there. */
  readonly perTool: ReadonlyMap<string, Rate>;
  /** `OAUTH_RATE_LIMIT`: requests per minute per client address on the OAuth endpoints. */
  readonly oauthPerAddress: Rate | undefined;
}

export const DEFAULT_RATE_LIMIT = '600/120';
export const DEFAULT_OAUTH_RATE_LIMIT = '60/30';

const MAX = 1_000_000;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const RATE = /^(\d+)(?:\/(\d+))?$/;

/**
 * Parses `<per minute>` or `<per minute>/<burst>`. Without a burst a client may spend one minute's worth at
 * once. `0` is no limit (`undefined`). Returns the problem as a string when the text is not a rate.
 */
export function parseRate(text: string): Rate | undefined | string {
  const match = RATE.exec(text.trim());
  if (!match) return 'expected <requests per minute> or <requests per minute>/<burst>, such as 600/120';
  const perMinute = Number(match[1]);
  const burst = match[2] === undefined ? perMinute : Number(match[2]);
  if (perMinute === 0) return burst === 0 ? undefined : '0 turns the limit off and takes no burst';
  if (perMinute > MAX || burst > MAX) return `at most ${MAX} per minute and a burst of at most ${MAX}`;
  if (burst < 1) return 'the burst must be at least 1';
  return { perMinute, burst };
}

/**
 * Reads `RATE_LIMIT`, `RATE_LIMIT_TOOLS` and `OAUTH_RATE_LIMIT`, recording every mistake on `reader` (its
 * `done()` then fails the boot with a message naming the variable).
 */
export function readRateLimits(reader: EnvReader): RateLimitConfig {
  return {
    perToken: readRate(reader, 'RATE_LIMIT', DEFAULT_RATE_LIMIT),
    perTool: readToolRates(reader),
    oauthPerAddress: readRate(reader, 'OAUTH_RATE_LIMIT', DEFAULT_OAUTH_RATE_LIMIT),
  };
}

function readRate(reader: EnvReader, name: string, fallback: string): Rate | undefined {
  const value = reader.string(name, fallback);
  const rate = parseRate(value);
  if (typeof rate !== 'string') return rate;
  reader.check(false, `${name}: ${rate} (got "${value}")`);
  return parseRate(fallback) as Rate | undefined;
}

/** `tool=rate[/burst]`, comma-separated; a tool at `0` is unlimited, like one not named. */
function readToolRates(reader: EnvReader): ReadonlyMap<string, Rate> {
  const rates = new Map<string, Rate>();
  const seen = new Set<string>();
  for (const entry of reader.list('RATE_LIMIT_TOOLS')) {
    const [name = '', value, ...rest] = entry.split('=').map((part) => part.trim());
    if (value === undefined || rest.length > 0 || !TOOL_NAME.test(name)) {
      reader.check(
        false,
        `RATE_LIMIT_TOOLS entries must be <tool name>=<calls per minute>[/<burst>] (got "${entry}")`,
      );
      continue;
    }
    if (seen.has(name)) {
      reader.check(false, `RATE_LIMIT_TOOLS names ${name} twice`);
      continue;
    }
    seen.add(name);
    const rate = parseRate(value);
    if (typeof rate === 'string') reader.check(false, `RATE_LIMIT_TOOLS ${name}: ${rate} (got "${value}")`);
    else if (rate) rates.set(name, rate);
  }
  return rates;
}
