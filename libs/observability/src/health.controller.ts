import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from './metrics.js';
import { Readiness } from './readiness.js';

@Controller()
export class HealthController {
  constructor(
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  health(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.metrics.service };
  }

  /** Readiness: 200 when every check passes, 503 otherwise, with each check's detail. */
  @Get('ready')
  @Header('Cache-Control', 'no-store')
  async ready(@Res() res: Response): Promise<void> {
    const result = await this.readiness.evaluate();
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ready' : 'not_ready', ...result });
  }

  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.render());
  }
}
