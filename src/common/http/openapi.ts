import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { documentRateLimit } from '../../rate-limit/rate-limit.openapi';

export const OPENAPI_UI_PATH = 'api/docs';

/** OpenAPI at /api/docs (UI) and /api/docs-json, with both ways to authenticate declared. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Tours & Events API')
    .setDescription(
      'REST API for tours and events. Authenticate with a better-auth session cookie (browsers) or ' +
        '`Authorization: Bearer <api key>` (servers and integrations). Errors are `application/problem+json`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'tke_live_<32 chars>', description: 'An API key' }, 'api-key')
    .addCookieAuth('better-auth.session_token', { type: 'apiKey', in: 'cookie', description: 'A better-auth session' }, 'session')
    .addSecurityRequirements('api-key')
    .addSecurityRequirements('session')
    .build();
  const document = documentRateLimit(SwaggerModule.createDocument(app, config), app.get<AppConfig>(APP_CONFIG));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: 'api/docs-json' });
}
