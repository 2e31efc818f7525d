import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { Metrics } from './metrics.js';
import { Readiness } from './readiness.js';

/** `/health`, `/ready` and `/metrics` for one service, with the shared {@link Metrics} and {@link Readiness}. */
@Module({})
export class ObservabilityModule {
  static forService(metrics: Metrics, readiness: Readiness): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: Readiness, useValue: readiness },
      ],
      exports: [Metrics, Readiness],
    };
  }
}
