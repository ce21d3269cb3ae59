import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { JsonLogger } from '../common/logging/json-logger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { PrincipalThrottlerGuard } from './principal-throttler.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * The per-principal rate limit. Counters live in Redis when REDIS_URL is set (instances share the
 * budget), otherwise in this process. AppModule registers the guard globally, before the AuthGuard.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, JsonLogger],
      useFactory: (config: AppConfig, logger: JsonLogger) => ({
        throttlers: [{ limit: config.rateLimit.max, ttl: config.rateLimit.windowSeconds * 1000 }],
        storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl, logger) : new MemoryThrottlerStorage(),
      }),
    }),
  ],
  providers: [PrincipalThrottlerGuard],
  exports: [PrincipalThrottlerGuard],
})
export class RateLimitModule {}
