import { parseArgs } from 'node:util';
import { STAFF_ROLES, type SetupLinkResponse, type StaffRole } from '@aman/api';
import {
  addStaff,
  ConfigError,
  DomainError,
  KeyringError,
  listStaff,
  loadConfig,
  resetStaff,
  StoreUnavailableError,
} from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command, CommandIo } from '../command.ts';

const usage = `Usage: aman staff add NAME --role ROLE [--helpline NAME] [--platform NAME] [--url URL] [--db X] [--json]
       aman staff reset NAME [--url URL] [--db X] [--json]
       aman staff list [--db X] [--json]

add    creates a console account and prints its one-time setup link (valid 72 hours): the person
       opens it, chooses a password, and a helpline member's browser makes their key pair. No
       password is ever printed or stored in the clear. The first admin of a new installation is
       made this way (or with the link "aman serve" prints when no admin exists).
reset  a new setup link for an account; its password, one-time codes and key pair are dropped.
list   every account: name, role, helpline or platform, whether it is set up.

Options:
  --role ROLE      ${STAFF_ROLES.join(', ')}
  --helpline NAME  helpline members: their helpline (created if new; default "Aman helpline")
  --platform NAME  platform staff: their platform (aman platform add NAME first)
  --url URL        where the console is, for the printed link (default http://127.0.0.1:8080)
  --db X           an SQLite file or a postgres:// URL (default $DATABASE_URL, else the data dir)
  --json           add/reset: {"name","role","setupUrl","expiresAt"}; list: an array`;

const staff: Command = {
  summary: 'Create console accounts (setup links), reset them, list them',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'add') return add(rest, io);
    if (action === 'reset') return reset(rest, io);
    if (action === 'list') return list(rest, io);
    throw new CliError(
      action === undefined
        ? `say what to do: add, reset or list\n${usage}`
        : `unknown action "${action}"; expected add, reset or list\n${usage}`,
      EXIT_USAGE,
    );
  },
};

export default staff;

async function add(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1) {
    throw new CliError(
      `expected one account name, got ${positionals.length}\n${usage}`,
      EXIT_USAGE,
    );
  }
  const role = values.role;
  if (role === undefined || !(STAFF_ROLES as readonly string[]).includes(role)) {
    throw new CliError(
      `--role is one of ${STAFF_ROLES.join(', ')}${role === undefined ? '' : `, got "${role}"`}`,
      EXIT_USAGE,
    );
  }
  const link = await run(() =>
    addStaff({
      name: positionals[0]!,
      role: role as StaffRole,
      config: readConfig(),
      ...(values.helpline === undefined ? {} : { helpline: values.helpline }),
      ...(values.platform === undefined ? {} : { platform: values.platform }),
      ...(values.db === undefined ? {} : { db: values.db }),
    }),
  );
  printLink(io, link, values.url, values.json === true, 'created');
  return 0;
}

async function reset(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1 || values.role !== undefined) {
    throw new CliError(`reset takes one account name\n${usage}`, EXIT_USAGE);
  }
  const link = await run(() =>
    resetStaff({
      name: positionals[0]!,
      config: readConfig(),
      ...(values.db === undefined ? {} : { db: values.db }),
    }),
  );
  if (link === undefined) {
    throw new CliError(
      `no account is named "${positionals[0]}"; see aman staff list`,
      EXIT_FAILURE,
    );
  }
  printLink(io, link, values.url, values.json === true, 'reset');
  return 0;
}

async function list(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length > 0) throw new CliError(`list takes no name\n${usage}`, EXIT_USAGE);
  const accounts = await run(() =>
    listStaff({ config: readConfig(), ...(values.db === undefined ? {} : { db: values.db }) }),
  );
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify(accounts)}\n`);
  } else if (accounts.length === 0) {
    io.stdout.write('No staff accounts yet: aman staff add NAME --role admin\n');
  } else {
    for (const account of accounts) {
      const where = account.helpline?.name ?? account.platform ?? '';
      const state = account.disabled ? 'disabled' : account.active ? 'active' : 'waiting for setup';
      io.stdout.write(
        `${account.name}\t${account.role}${where === '' ? '' : ` (${where})`}\t${state}${account.totp ? ', one-time codes on' : ''}\n`,
      );
    }
  }
  return 0;
}

function printLink(
  io: CommandIo,
  link: SetupLinkResponse,
  base: string | undefined,
  json: boolean,
  what: 'created' | 'reset',
): void {
  const origin = (base ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const setupUrl = `${origin}${link.setupPath}`;
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ name: link.staff.name, role: link.staff.role, setupUrl, expiresAt: link.expiresAt })}\n`,
    );
    return;
  }
  io.stdout.write(
    [
      `Account "${link.staff.name}" (${link.staff.role}) ${what}. Its one-time setup link, valid until ${link.expiresAt}:`,
      setupUrl,
      'Give it to the person through a channel you trust; it works once.',
      '',
    ].join('\n'),
  );
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        helpline: { type: 'string' },
        platform: { type: 'string' },
        url: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
  }
}

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT_USAGE);
    throw error;
  }
}

async function run<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliError(
        error.message,
        error.status === 400 || error.code === 'not_linked' ? EXIT_USAGE : EXIT_FAILURE,
      );
    }
    if (error instanceof StoreUnavailableError || error instanceof KeyringError) {
      throw new CliError(error.message, EXIT_FAILURE);
    }
    throw error;
  }
}
