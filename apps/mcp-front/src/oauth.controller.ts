import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Options, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { OAuthEndpoints } from '@mcp-gateway/oauth-edge';
import { OAuthRateLimitFilter, OAuthRateLimitGuard } from './oauth-rate-limit.js';

/**
 * The authorisation server's HTTP endpoints. The logic and state are in the auth service; each route is
 * one call. `/authorize`, `/token` and `/register` at the root are aliases for clients that guess the
 * default paths when discovery fails (Claude has done so). Authorize, token, register and revoke are
 * rate-limited per client address (`OAUTH_RATE_LIMIT`).
 */
@Controller()
@UseFilters(OAuthRateLimitFilter)
export class OAuthController {
  constructor(private readonly oauth: OAuthEndpoints) {}

  @Get(['oauth/authorize', 'authorize'])
  @UseGuards(OAuthRateLimitGuard)
  authorize(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.oauth.authorize(req, res);
  }

  @Post(['oauth/authorize', 'authorize'])
  @UseGuards(OAuthRateLimitGuard)
  decide(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.oauth.decide(req, res);
  }

  @Post(['oauth/token', 'token'])
  @UseGuards(OAuthRateLimitGuard)
  token(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.oauth.token(req, res);
  }

  @Post('oauth/revoke')
  @UseGuards(OAuthRateLimitGuard)
  revoke(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.oauth.revoke(req, res);
  }

  @Post(['oauth/register', 'register'])
  @UseGuards(OAuthRateLimitGuard)
  register(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.oauth.register(req, res);
  }

  @Get('oauth/register/:clientId')
  registration(
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
    @Param('clientId') clientId: string,
  ): Promise<void> {
    return this.oauth.registration(req, res, clientId);
  }

  @Get('oauth/jwks')
  jwks(@Res() res: ServerResponse): Promise<void> {
    return this.oauth.jwks(res);
  }

  @Options(['oauth/token', 'oauth/register', 'oauth/revoke', 'oauth/jwks', 'token', 'register'])
  preflight(@Res() res: ServerResponse): void {
    this.oauth.preflight(res);
  }
}

/** RFC 9728 and RFC 8414 discovery documents: unauthenticated, never redirected, open to browsers. */
@Controller('.well-known')
export class WellKnownController {
  constructor(private readonly oauth: OAuthEndpoints) {}

  @Get(['oauth-protected-resource', 'oauth-protected-resource/mcp'])
  protectedResource(@Res() res: ServerResponse): void {
    this.oauth.protectedResource(res);
  }

  @Get(['oauth-authorization-server', 'openid-configuration'])
  authorizationServer(@Res() res: ServerResponse): void {
    this.oauth.authorizationServer(res);
  }

  @Options([
    'oauth-protected-resource',
    'oauth-protected-resource/mcp',
    'oauth-authorization-server',
    'openid-configuration',
  ])
  preflight(@Res() res: ServerResponse): void {
    this.oauth.preflight(res);
  }
}
