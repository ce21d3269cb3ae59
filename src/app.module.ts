import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { JsonLogger } from './common/logging/json-logger';
import { LoggingModule } from './common/logging/logging.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { PagesModule } from './pages/pages.module';
import { ToursModule } from './tours/tours.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: JsonLogger;
  /** Extra feature modules (used by tests to prove that new modules are protected by default). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logger, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule.forRoot(databaseUrl),
        AuthModule.forRoot(),
        HealthModule,
        PagesModule,
        ToursModule,
        EventsModule,
        ...imports,
      ],
      providers: [{ provide: APP_GUARD, useExisting: AuthGuard }],
    };
  }
}
