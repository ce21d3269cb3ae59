import { DynamicModule, Global, Module } from '@nestjs/common';
import { JsonLogger } from './json-logger';

/** Makes the process's one JsonLogger injectable. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: JsonLogger): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: JsonLogger, useValue: logger }], exports: [JsonLogger] };
  }
}
