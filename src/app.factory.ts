import { BadRequestException, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { toNodeHandler } from 'better-auth/node';
import express from 'express';
import helmet from 'helmet';
import { AppModule, AppModuleOptions } from './app.module';
import { BETTER_AUTH, BetterAuthInstance, CLIENT_IP_HEADER } from './auth/better-auth.factory';
import { OPENAPI_UI_PATH, setupOpenApi } from './common/http/openapi';
import { ProblemDetailsFilter, sendProblem } from './common/http/problem-details.filter';
import { problem } from './common/http/problem-details';
import { requestContext } from './common/http/request-context.middleware';
import { createValidationPipe } from './common/validation/validation';
import { PAGES_ASSETS_DIR } from './pages/pages.controller';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '100kb';

/** Routes served outside `/api/v1`: health probes and the HTML pages. */
const UNPREFIXED_ROUTES = ['health', 'health/ready', '/', 'login', 'dashboard', 'dashboard/api-keys'];

/**
 * Builds the whole HTTP application; `main.ts` and the e2e tests both use it, so tests exercise
 * exactly what production runs. Middleware order matters and is spelled out below.
 */
export async function createApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  const { config, logger } = options;
  // bodyParser off: better-auth must read the raw body of /api/auth/* itself.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger,
    abortOnError: false,
  });

  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // 1. Request id and the access log line, for everything including better-auth.
  app.use(requestContext(logger));
  // 2. Security headers: a strict CSP (same-origin scripts and styles only) everywhere but Swagger UI,
  // which sets inline styles; one of the two policies per request, never both.
  const CSP_DIRECTIVES = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  const strictHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES } });
  const docsHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] } },
  });
  const docsPrefix = `/${OPENAPI_UI_PATH}`;
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    (req.path.startsWith(docsPrefix) ? docsHeaders : strictHeaders)(req, res, next),
  );
  // The pages' CSS, JS and icon (the HTML itself comes from PagesController), with the headers above.
  app.useStaticAssets(PAGES_ASSETS_DIR, { prefix: '/assets', index: false, redirect: false });
  // 3. CORS only for trusted origins, with credentials (cookies).
  app.enableCors({ origin: [...config.auth.trustedOrigins], credentials: true, exposedHeaders: ['X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] });
  // 4. better-auth sees the client address we computed (socket, or X-Forwarded-For under TRUST_PROXY).
  app.use((req: express.Request, _res: express.Response, next: express.NextFunction) => {
    req.headers[CLIENT_IP_HEADER] = req.ip ?? '';
    next();
  });
  // 5. better-auth's own routes, before any body parser.
  const auth = app.get<BetterAuthInstance>(BETTER_AUTH);
  app.getHttpAdapter().getInstance().all('/api/auth/{*any}', toNodeHandler(auth));
  // 6. JSON bodies for the API, capped; larger bodies get 413 (mapped by the exception filter).
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use((error: { type?: string }, _req: express.Request, _res: express.Response, next: express.NextFunction) => {
    // The parser's message quotes the body; answer with a fixed one instead.
    next(error?.type === 'entity.parse.failed' ? new BadRequestException('The request body is not valid JSON.') : error);
  });

  app.setGlobalPrefix(API_PREFIX, {
    exclude: UNPREFIXED_ROUTES.map((path) => ({ path, method: RequestMethod.ALL })),
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  setupOpenApi(app);
  await app.init();
  // Nest answers unknown routes only under the global prefix; everything else ends here.
  app.use((req: express.Request, res: express.Response) => sendProblem(req, res, problem(404, 'No such route.')));
  return app;
}
