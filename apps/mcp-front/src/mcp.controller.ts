import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Delete, Get, Options, Req, Res } from '@nestjs/common';
import { McpHttpService } from './mcp-http.service.js';

/**
 * `/mcp` (and `/mcp/`, which some clients send) for everything but POST. POST, the hot path, reaches
 * {@link McpHttpService.post} straight from the HTTP server (see bootstrap.ts), not through the router.
 */
@Controller('mcp')
export class McpController {
  constructor(private readonly mcp: McpHttpService) {}

  @Get()
  get(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    this.mcp.notAllowed(req, res);
  }

  @Delete()
  delete(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    this.mcp.notAllowed(req, res);
  }

  @Options()
  options(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    this.mcp.preflight(req, res);
  }
}
