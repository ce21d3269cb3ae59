import { config as loadDotenv } from 'dotenv';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load-config';
import { createUser } from './create-user.command';

const USAGE = `Usage: npm run user:create -- --email <email> --name <name> [--admin]
The password is read from USER_PASSWORD, or from standard input (a hidden prompt on a terminal);
never from an argument, which would land in shell history and process listings.`;

/** Creates a user (e.g. the first admin of a deployment that starts with SIGNUP_ENABLED=false). */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean', default: false } },
  });
  if (!values.email || !values.name) throw new UsageError(USAGE);
  const password = process.env.USER_PASSWORD ?? (await readPassword());
  if (password.length < 8) throw new UsageError('The password must have at least 8 characters.');

  const { email, role } = await createUser(loadConfig(process.env), {
    email: values.email,
    name: values.name,
    password,
    role: values.admin ? 'admin' : 'member',
  });
  process.stdout.write(`Created ${role} ${email}\n`);
}

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write('Password: ');
    // Hide what is typed: swallow readline's echo of each key.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line;
}

main().catch((error: unknown) => {
  const message =
    error instanceof UsageError || error instanceof ConfigError
      ? error.message
      : `Could not create the user: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
