import { DynamicModule, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { poolOf } from '../database/pool-of';
import { API_KEY_STRATEGY, AuthStrategy } from './auth-strategy';
import { AuthGuard } from './auth.guard';
import { resolveAuthSecret } from './auth-secret';
import { Authenticator } from './authenticator.service';
import { BETTER_AUTH, createBetterAuth } from './better-auth.factory';
import { MeController } from './me.controller';
import { RejectAllApiKeysStrategy } from './reject-all-api-keys.strategy';
import { SessionStrategy } from './session.strategy';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

export interface AuthModuleOptions {
  /** The module that implements API keys, and its strategy class (exported by that module). */
  apiKeyStrategy?: { imports: ModuleMetadata['imports']; useExisting: Type<AuthStrategy> };
}

@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const apiKeyStrategy: Provider = options.apiKeyStrategy
      ? { provide: API_KEY_STRATEGY, useExisting: options.apiKeyStrategy.useExisting }
      : { provide: API_KEY_STRATEGY, useClass: RejectAllApiKeysStrategy };
    return {
      module: AuthModule,
      global: true,
      imports: [TypeOrmModule.forFeature([UserEntity]), ...(options.apiKeyStrategy?.imports ?? [])],
      controllers: [MeController],
      providers: [
        {
          provide: BETTER_AUTH,
          inject: [APP_CONFIG, getDataSourceToken(), JsonLogger],
          // better-auth shares TypeORM's pool: one set of connections, one limit to size.
          useFactory: (config: AppConfig, dataSource: DataSource, logger: JsonLogger) =>
            createBetterAuth(config, poolOf(dataSource), resolveAuthSecret(config), logger),
        },
        SessionStrategy,
        apiKeyStrategy,
        Authenticator,
        AuthGuard,
        UsersService,
      ],
      exports: [BETTER_AUTH, Authenticator, AuthGuard, UsersService],
    };
  }
}
