import { parseArgs } from 'node:util';
import { DEFAULT_SCOPES, SCOPES, type Scope } from '@aman/api';
import {
  addPlatform,
  ConfigError,
  DomainError,
  listPlatforms,
  loadConfig,
  StoreUnavailableError,
} from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command, CommandIo } from '../command.ts';

const usage = `Usage: aman platform add NAME [--db PATH_OR_URL] [--scopes LIST] [--json]
       aman platform list [--db PATH_OR_URL] [--json]

add    creates a platform (a trust & safety team that matches hashes) and prints its API key,
       once: only a SHA-256 hash of it is kept. Send it as "Authorization: Bearer <key>".
list   shows the platforms and their scopes (never their keys).

Options:
  --db X        an SQLite file or a postgres:// URL (default $DATABASE_URL, else
                aman.sqlite in the data directory: $AMAN_DATA_DIR or <repo>/.data)
  --scopes LIST comma-separated, from ${SCOPES.join(', ')} (default ${DEFAULT_SCOPES.join(',')})
  --json        add: {"name", "apiKey"}; list: [{"name", "scopes", "createdAt"}]`;

const platform: Command = {
  summary: 'Create a platform and print its API key (once), or list platforms',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'add') return add(rest, io);
    if (action === 'list') return list(rest, io);
    throw new CliError(
      action === undefined
        ? `say what to do: add or list\n${usage}`
        : `unknown action "${action}"; expected add or list\n${usage}`,
      EXIT_USAGE,
    );
  },
};

export default platform;

async function add(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1) {
    throw new CliError(
      `expected one platform name (quote a name with spaces), got ${positionals.length}\n${usage}`,
      EXIT_USAGE,
    );
  }
  const scopes = values.scopes === undefined ? DEFAULT_SCOPES : parseScopes(values.scopes);
  const created = await run(() =>
    addPlatform({
      name: positionals[0]!,
      scopes,
      config: readConfig(),
      ...(values.db === undefined ? {} : { db: values.db }),
    }),
  );
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify({ name: created.name, apiKey: created.apiKey })}\n`);
  } else {
    io.stdout.write(
      [
        `Platform "${created.name}" created, with scopes ${created.scopes.join(', ')}.`,
        'Its API key, shown this once (only a hash is kept: store it now):',
        created.apiKey,
        '',
      ].join('\n'),
    );
  }
  return 0;
}

async function list(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length > 0 || values.scopes !== undefined) {
    throw new CliError(`list takes only --db and --json\n${usage}`, EXIT_USAGE);
  }
  const platforms = await run(() =>
    listPlatforms({ config: readConfig(), ...(values.db === undefined ? {} : { db: values.db }) }),
  );
  if (values.json === true) {
    const rows = platforms.map((entry) => ({
      name: entry.name,
      scopes: entry.scopes,
      createdAt: entry.createdAt.toISOString(),
    }));
    io.stdout.write(`${JSON.stringify(rows)}\n`);
  } else if (platforms.length === 0) {
    io.stdout.write('No platforms yet: aman platform add NAME\n');
  } else {
    const width = Math.max(...platforms.map((entry) => entry.name.length));
    for (const entry of platforms) {
      io.stdout.write(
        `${entry.name.padEnd(width)}  ${entry.scopes.join(',')}  since ${entry.createdAt.toISOString().slice(0, 10)}\n`,
      );
    }
  }
  return 0;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, scopes: { type: 'string' } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
  }
}

function parseScopes(text: string): Scope[] {
  const scopes = text
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
  const unknown = scopes.find((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown !== undefined || scopes.length === 0) {
    throw new CliError(
      `unknown scope "${unknown ?? text}"; scopes are ${SCOPES.join(', ')}`,
      EXIT_USAGE,
    );
  }
  return scopes as Scope[];
}

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT_USAGE);
    throw error;
  }
}

/** Runs a store operation; its expected failures become CLI errors. */
async function run<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliError(
        error.message,
        error.code === 'invalid_request' ? EXIT_USAGE : EXIT_FAILURE,
      );
    }
    if (error instanceof StoreUnavailableError) throw new CliError(error.message, EXIT_FAILURE);
    throw error;
  }
}
