/** The OpenAI error object (`{"error":{message,type,param,code}}`, reference §1.5). */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface HttpFailure {
  status: number;
  body: OpenAiErrorBody;
}

function defaultType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function openAiError(
  status: number,
  message: string,
  extra: { type?: string; code?: string | null; param?: string | null } = {},
): HttpFailure {
  return {
    status,
    body: {
      error: {
        message,
        type: extra.type ?? defaultType(status),
        param: extra.param ?? null,
        code: extra.code ?? null,
      },
    },
  };
}

/** OpenAI answers a bad key with `invalid_request_error` + `invalid_api_key`, not `authentication_error`. */
export function invalidApiKey(): HttpFailure {
  return openAiError(
    401,
    'Incorrect API key provided. You can find your API key at https://platform.openai.com.',
    {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    },
  );
}
