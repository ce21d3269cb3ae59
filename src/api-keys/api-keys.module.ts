import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { LastUsedTracker } from './last-used-tracker';
import { VerifiedKeyCache } from './verified-key-cache';

/**
 * API keys: generation, storage as a hash, the management endpoints and the Bearer strategy. The
 * AuthModule plugs the exported strategy into its composite guard (see `app.module.ts`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeyStrategy, LastUsedTracker, VerifiedKeyCache],
  exports: [ApiKeyStrategy],
})
export class ApiKeysModule {}
