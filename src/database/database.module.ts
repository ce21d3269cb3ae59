import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runMigrations } from './run-migrations';
import { JsonLogger } from '../common/logging/json-logger';
import { TypeOrmJsonLogger } from './typeorm-json.logger';
import { buildTypeOrmOptions, DatabaseConnection } from './typeorm-options';

const SLOW_QUERY_MS = 1000;

/** TypeORM on the given database URL; pending migrations run before the app accepts requests. */
@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [JsonLogger],
          useFactory: (logger: JsonLogger) => ({
            ...buildTypeOrmOptions(connection),
            autoLoadEntities: true,
            logger: new TypeOrmJsonLogger(logger),
            maxQueryExecutionTime: SLOW_QUERY_MS,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
