import { Injectable } from '@nestjs/common';
import { createMetricsRegistry, httpMetrics } from '@gradekit/observability';

@Injectable()
export class ApiMetrics {
  readonly registry = createMetricsRegistry('api');
  readonly http = httpMetrics(this.registry);
}
