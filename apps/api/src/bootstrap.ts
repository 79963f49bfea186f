import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiConfig } from '@gradekit/config';
import { NestJsonLogger, createJsonLogger } from '@gradekit/observability';
import { AppModule } from './app.module';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation.pipe';
import { setupOpenApi } from './docs/openapi.setup';

/** Builds the api application (used by main.ts and by the integration tests). */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new NestJsonLogger(createJsonLogger('api', config.logLevel === 'debug' ? 'debug' : 'warn')),
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  // Before Nest's own middleware and routes, so every answer (404s, errors, Swagger UI) has them.
  app.use(securityHeaders());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setupOpenApi(app, config);
  return app;
}
