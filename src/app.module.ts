import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyStrategy } from './api-keys/api-key.strategy';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { JsonLogger } from './common/logging/json-logger';
import { LoggingModule } from './common/logging/logging.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import type { DatabaseConnection } from './database/typeorm-options';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { PagesModule } from './pages/pages.module';
import { PrincipalThrottlerGuard } from './rate-limit/principal-throttler.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ToursModule } from './tours/tours.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseConnection;
  logger: JsonLogger;
  /** Extra feature modules (used by tests to prove that new modules are protected by default). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ config, database, logger, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule.forRoot(database),
        AuthModule.forRoot({ apiKeyStrategy: { imports: [ApiKeysModule], useExisting: ApiKeyStrategy } }),
        HealthModule,
        PagesModule,
        ToursModule,
        EventsModule,
        RateLimitModule,
        ...imports,
      ],
      providers: [
        // Global guards run in this order. The rate limit comes first so that requests the AuthGuard
        // refuses with 401 (key guessing) are counted too; it resolves the principal through the
        // Authenticator, which memoizes it on the request, so the AuthGuard does no second lookup.
        { provide: APP_GUARD, useExisting: PrincipalThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
    };
  }
}
