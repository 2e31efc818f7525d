import { Catch, UnauthorizedException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { BearerAuthError } from '@mcp-gateway/edge-auth';

/**
 * Authentication failures as OpenAI error objects (clients show `error.message`): 401 with
 * `invalid_api_key` for a missing or wrong token, 503 when the token cannot be checked right now.
 */
@Catch(BearerAuthError, UnauthorizedException)
export class AuthErrorFilter implements ExceptionFilter {
  catch(exception: BearerAuthError | UnauthorizedException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const failure = exception instanceof BearerAuthError ? exception.failure : undefined;
    const unavailable = failure?.reason === 'unavailable';
    const message =
      failure?.reason === 'missing'
        ? 'Missing bearer token: send "Authorization: Bearer <API token>" (create one with `gateway token create`).'
        : (failure?.description ?? 'Invalid bearer token.');
    const body = JSON.stringify({
      error: {
        message,
        type: unavailable ? 'server_error' : 'invalid_request_error',
        param: null,
        code: unavailable ? 'service_unavailable' : 'invalid_api_key',
      },
    });
    res.writeHead(unavailable ? 503 : 401, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(unavailable ? { 'retry-after': '5' } : { 'www-authenticate': 'Bearer realm="mcp-gateway"' }),
    });
    res.end(body);
  }
}
