import { parseArgs } from 'node:util';
import { generateEnvKey, initKeyFile, listKeys, retireDataKey, rotateDataKeys } from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command, CommandIo } from '../command.ts';
import { serverFailure } from './server-errors.ts';

const usage = `Usage: aman keys list [--db PATH_OR_URL] [--json]
       aman keys rotate [--db PATH_OR_URL] [--json]
       aman keys retire KEY_ID [--db PATH_OR_URL]
       aman keys generate
       aman keys init --file PATH

The data keys encrypt victims' texts and evidence at rest and seal the audit log. They are never
in the database: AMAN_DATA_KEYS (id:base64, first active), else AMAN_KEY_FILE, else aman.keys in
the data directory (made at the first start, mode 0600). Back them up apart from the database:
a backup without its keys opens nothing, which is the point.

list      the keys (ids only), which is active, and how many values each one seals
rotate    a new active key (added to the key file), then every value re-wrapped under it and the
          audit log resealed; with AMAN_DATA_KEYS, put the new key first (aman keys generate) and
          restart the servers, then run this. Running servers pick up a new key file within 10 s.
retire    removes an old key once nothing needs it (refused while anything does)
generate  prints a new key for AMAN_DATA_KEYS
init      writes a new key file for AMAN_KEY_FILE (never over an existing one)`;

const keys: Command = {
  summary: 'List, rotate and retire the data keys (encryption at rest, audit seals)',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    const { values, positionals } = parse(rest);
    const store = values.db === undefined ? {} : { db: values.db };
    switch (action ?? '') {
      case 'list':
        return list(await serverFailure(() => listKeys(store)), values.json === true, io);
      case 'rotate': {
        const rotated = await serverFailure(() => rotateDataKeys(store));
        if (values.json === true) io.stdout.write(`${JSON.stringify(rotated)}\n`);
        else {
          const counts = Object.entries(rotated.report.rewrapped)
            .map(([column, count]) => `${count} in ${column}`)
            .join(', ');
          io.stdout.write(
            `Active key: ${rotated.activeId} (was ${rotated.previousId}).\nRe-encrypted ${counts || 'no values'}; resealed ${rotated.report.auditRowsResealed} audit rows.\nRetire the old key after a minute, once every server has the new one: aman keys retire ${rotated.previousId}\n`,
          );
        }
        return 0;
      }
      case 'retire': {
        const [id] = positionals;
        if (id === undefined || positionals.length !== 1) {
          throw new CliError(`retire takes one key id\n${usage}`, EXIT_USAGE);
        }
        const retired = await serverFailure(() => retireDataKey({ ...store, id }));
        io.stdout.write(
          retired.source.kind === 'env'
            ? `Key ${id} is no longer needed: remove it from AMAN_DATA_KEYS.\n`
            : `Key ${id} retired.\n`,
        );
        return 0;
      }
      case 'generate':
        io.stdout.write(`${generateEnvKey()}\n`);
        return 0;
      case 'init': {
        if (values.file === undefined)
          throw new CliError(`init needs --file PATH\n${usage}`, EXIT_USAGE);
        const file = values.file;
        try {
          const keyring = initKeyFile(file);
          io.stdout.write(`Key file ${file} created (mode 0600), key ${keyring.activeId}.\n`);
        } catch (error) {
          throw new CliError((error as Error).message, EXIT_FAILURE);
        }
        return 0;
      }
      default:
        throw new CliError(
          action === undefined
            ? `say what to do\n${usage}`
            : `unknown action "${action}"\n${usage}`,
          EXIT_USAGE,
        );
    }
  },
};

export default keys;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, file: { type: 'string' } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
  }
}

function list(listing: Awaited<ReturnType<typeof listKeys>>, json: boolean, io: CommandIo): number {
  if (json) {
    io.stdout.write(`${JSON.stringify(listing)}\n`);
    return 0;
  }
  const source =
    listing.source.kind === 'file' ? `key file ${listing.source.path}` : 'AMAN_DATA_KEYS';
  io.stdout.write(`Keys from ${source}:\n`);
  for (const key of listing.keys) {
    io.stdout.write(
      `  ${key.id}${key.active ? '  active' : '        '}  ${key.values} value${key.values === 1 ? '' : 's'}${key.createdAt === undefined ? '' : `  since ${key.createdAt.slice(0, 10)}`}\n`,
    );
  }
  return 0;
}
