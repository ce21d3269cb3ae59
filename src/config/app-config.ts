export type ApiKeyEnvironment = 'live' | 'test';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The validated configuration. Built once by `loadConfig`; everything else reads this typed object. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  /** `postgres://…`, or undefined for the embedded database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly apiKeys: {
    readonly prefix: string;
    readonly environment: ApiKeyEnvironment;
  };
  readonly rateLimit: {
    readonly max: number;
    readonly windowSeconds: number;
  };
  readonly auth: {
    /** Undefined outside production: a development secret is generated and kept in `dataDir`. */
    readonly secret: string | undefined;
    readonly baseUrl: string;
    readonly trustedOrigins: readonly string[];
    readonly sessionExpiresInSeconds: number;
    readonly signupEnabled: boolean;
  };
  /** Express `trust proxy` value: false (use the socket address), a hop count, or a list of proxy addresses. */
  readonly trustProxy: boolean | number | string;
  readonly logLevel: LogLevel;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
