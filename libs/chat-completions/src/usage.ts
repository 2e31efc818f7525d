import { isJsonObject, type Usage } from './openai-types.js';

export const NO_USAGE: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** Reads the canonical token counts of an upstream `usage` object; `undefined` when there is none. */
export function readUsage(value: unknown): Usage | undefined {
  if (!isJsonObject(value)) return undefined;
  const prompt = count(value['prompt_tokens']);
  const completion = count(value['completion_tokens']);
  const total = count(value['total_tokens']) || prompt + completion;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
}

/**
 * Token counts summed over every upstream call of one answer. Open WebUI adds up every `usage` it sees
 * (reference §2.4), so the answer reports the total exactly once, never a running count.
 */
export class UsageTotal {
  private prompt = 0;
  private completion = 0;
  private total = 0;

  add(usage: Usage | undefined): void {
    if (!usage) return;
    this.prompt += usage.prompt_tokens;
    this.completion += usage.completion_tokens;
    this.total += usage.total_tokens;
  }

  value(): Usage {
    return { prompt_tokens: this.prompt, completion_tokens: this.completion, total_tokens: this.total };
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
