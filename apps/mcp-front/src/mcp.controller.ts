import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Delete, Get, Options, Post, Req, Res } from '@nestjs/common';
import { McpHttpService } from './mcp-http.service.js';

/** `/mcp` (and `/mcp/`, which some clients send): POST only; the route answers itself, unserialised. */
@Controller('mcp')
export class McpController {
  constructor(private readonly mcp: McpHttpService) {}

  @Post()
  post(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.mcp.post(req, res);
  }

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
