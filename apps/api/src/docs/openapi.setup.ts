import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiConfig } from '@gradekit/config';
import { API_DESCRIPTION } from './api-description';

/** Swagger UI at /api/docs and the OpenAPI document at /api/v1/openapi.json, generated from the DTOs. */
export function setupOpenApi(app: INestApplication, config: ApiConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Gradekit API')
      .setDescription(API_DESCRIPTION)
      .setVersion('1.0')
      .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
      .addServer(config.publicUrl)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (gk_…), shown once when created.' }, 'ApiKey')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key or a session token from POST /api/auth/login.' }, 'Bearer')
      .addSecurityRequirements('ApiKey')
      .addSecurityRequirements('Bearer')
      .build(),
  );
  if (config.docsEnabled) {
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/v1/openapi.json', customSiteTitle: 'Gradekit API' });
  } else {
    app.getHttpAdapter().get('/api/v1/openapi.json', (_req: unknown, res: { json: (body: unknown) => void }) => res.json(document));
  }
}
