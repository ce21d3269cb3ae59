import { config as loadDotenv } from 'dotenv';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/load-config';
import { openDatabaseTarget } from './src/database/database-target';
import { buildTypeOrmOptions } from './src/database/typeorm-options';

/**
 * The TypeORM CLI's data source (`npm run migration:run`, `npm run migration:generate`), built from
 * the same configuration and options as the app. Compiled to `dist/ormconfig.js` by the build.
 */
async function createDataSource(): Promise<DataSource> {
  loadDotenv({ quiet: true });
  const target = await openDatabaseTarget(loadConfig(process.env));
  const dataSource = new DataSource({
    ...buildTypeOrmOptions(target),
    entities: [join(__dirname, 'src', '**', '*.entity.js')],
  });
  // The CLI destroys the data source when it is done: stop the embedded database with it.
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await target.close();
  };
  return dataSource;
}

export default createDataSource();
