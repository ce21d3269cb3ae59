import { config as loadDotenv } from 'dotenv';
import { createApp } from './app.factory';
import { JsonLogger } from './common/logging/json-logger';
import { ConfigError, loadConfig } from './config/load-config';
import { openDatabaseTarget } from './database/database-target';

async function bootstrap(): Promise<void> {
  const started = Date.now();
  loadDotenv({ quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = new JsonLogger(config.logLevel);
  const database = await openDatabaseTarget(config);
  let app;
  try {
    app = await createApp({ config, database, logger });
    await app.listen(config.port);
  } catch (error) {
    logger.error(error, (error as Error).stack, 'Bootstrap');
    await database.close();
    process.exit(1);
  }
  logger.emit('info', 'listening', {
    port: config.port,
    database: database.embedded ? `embedded (${config.dataDir})` : 'postgres',
    startupMs: Date.now() - started,
  });

  // Close the HTTP server and the pool before the embedded database, so PGlite flushes cleanly.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.emit('info', 'shutting down', { signal });
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void bootstrap();
