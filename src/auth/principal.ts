export type Role = 'admin' | 'member';
export type AuthMethod = 'session' | 'api_key';

/** Who is calling: always a user. An API key acts as the user who created it. */
export interface Principal {
  readonly userId: string;
  readonly role: Role;
  readonly method: AuthMethod;
  readonly apiKeyId?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set once by the Authenticator; read by guards, the logger and `@CurrentPrincipal()`. */
      principal?: Principal;
    }
  }
}

export function toRole(value: unknown): Role {
  return value === 'admin' ? 'admin' : 'member';
}
