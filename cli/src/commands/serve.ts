import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  DEFAULT_WEB_ROOT,
  loadConfig,
  startServer,
  KeyringError,
  StoreUnavailableError,
  type RunningServer,
  type ServerConfig,
} from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';

const usage = `Usage: aman serve [--port 8080] [--host 127.0.0.1] [--db PATH_OR_URL] [--demo | --no-demo]

Starts the hash bank (API, docs at /api/docs) and the web app on one port. Stop with Ctrl+C.

Options:
  --port N      port to listen on (default $PORT or 8080; 0 picks a free port)
  --host ADDR   address to listen on (default $HOST or 127.0.0.1; 0.0.0.0 for every interface)
  --db X        an SQLite file or a postgres:// URL (default $DATABASE_URL, else
                aman.sqlite in the data directory: $AMAN_DATA_DIR or <repo>/.data)
  --demo        seed demo banks and print a demo platform key (the default without --db and
                without DATABASE_URL); --no-demo to skip

Other settings come from the environment (AMAN_FLOOD_PLATFORMS, AMAN_RATE_LIMIT_PER_MINUTE, …):
see server/README.md.`;

const serve: Command = {
  summary: 'Start the hash bank and the web app on one port',
  usage,
  async run(args, io) {
    const options = parseOptions(args);
    const config = readConfig();
    const demo = options.demo ?? (options.db === undefined && config.databaseUrl === undefined);
    let server: RunningServer;
    try {
      server = await startServer({
        ...(options.db === undefined ? {} : { db: options.db }),
        port: options.port ?? config.port,
        host: options.host ?? config.host,
        demo,
        config,
        logger: { level: config.logLevel, stream: process.stderr },
      });
    } catch (error) {
      throw startFailure(error, options.port ?? config.port) ?? error;
    }

    const lines = [
      `Aman is listening on ${server.url}`,
      `  data:     ${server.location} (${server.store.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
      `  keys:     ${describeKeys(server.keys)}`,
      `  API docs: ${server.url}/api/docs`,
      existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))
        ? `  web app:  ${server.url}/`
        : '  web app:  not built (npm run build -w web)',
    ];
    if (server.demoApiKey !== undefined) {
      lines.push(`  demo platform API key (replaced at every start): ${server.demoApiKey}`);
    }
    if (server.demoStaff !== undefined) {
      lines.push(
        `  console:  ${server.url}/console (synthetic demo data; passwords replaced at every start)`,
      );
      for (const member of server.demoStaff) {
        lines.push(`    ${member.role.padEnd(12)} ${member.name.padEnd(18)} ${member.password}`);
      }
    }
    if (server.adminWaiting !== undefined) {
      lines.push(
        `  console:  the admin "${server.adminWaiting}" has not used its setup link yet (aman staff reset ${server.adminWaiting} prints a new one)`,
      );
    }
    if (server.adminSetupPath !== undefined) {
      lines.push(
        `  console:  no admin yet; create the first one (link valid 72 h, works once):`,
        `            ${server.url}${server.adminSetupPath}`,
      );
    }
    lines.push('Press Ctrl+C to stop.');
    io.stdout.write(`${lines.join('\n')}\n`);

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // Requests in flight finish; a second signal ends the process at once (default handling).
        server.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.stdout.write('Aman stopped.\n');
    return 0;
  },
};

export default serve;

interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly db?: string;
  readonly demo?: boolean;
}

function parseOptions(args: string[]): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        demo: { type: 'boolean' },
        'no-demo': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
  }
  const options: { -readonly [K in keyof ServeOptions]: ServeOptions[K] } = {};
  if (values.port !== undefined) {
    const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
    if (!(port >= 0 && port <= 65_535)) {
      throw new CliError(`expected a port from 0 to 65535, got "${values.port}"`, EXIT_USAGE);
    }
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values.db !== undefined) {
    if (values.db.trim() === '')
      throw new CliError('--db needs a file path or a postgres:// URL', EXIT_USAGE);
    options.db = values.db;
  }
  if (values.demo === true && values['no-demo'] === true) {
    throw new CliError('choose --demo or --no-demo, not both', EXIT_USAGE);
  }
  if (values.demo === true) options.demo = true;
  if (values['no-demo'] === true) options.demo = false;
  return options;
}

function readConfig(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT_USAGE);
    throw error;
  }
}

/** Where the data keys are; a key file made now is worth a warning: without it, no backup opens. */
function describeKeys(keys: RunningServer['keys']): string {
  switch (keys.kind) {
    case 'env':
      return 'AMAN_DATA_KEYS';
    case 'memory':
      return 'in memory only';
    case 'file':
      return keys.created
        ? `${keys.path} (made now: keep a copy apart from the database; without it nothing encrypted can be read)`
        : keys.path;
  }
}

/** The CLI error for an expected failure to start, or undefined for a bug. */
function startFailure(error: unknown, port: number): CliError | undefined {
  if (error instanceof StoreUnavailableError || error instanceof KeyringError) {
    return new CliError(error.message, EXIT_FAILURE);
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return new CliError(`port ${port} is already in use; choose another with --port`, EXIT_FAILURE);
  }
  if (code === 'EACCES') {
    return new CliError(`not allowed to listen on port ${port}; choose one above 1023 with --port`);
  }
  return undefined;
}
