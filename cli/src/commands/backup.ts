import { parseArgs } from 'node:util';
import { BackupError, backupDatabase } from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { serverFailure } from './server-errors.ts';

const usage = `Usage: aman backup FILE [--db PATH_OR_URL] [--json]

Writes a consistent backup of the database to FILE while the server keeps running: SQLite's
online backup (checked with integrity_check), or pg_dump's custom format for PostgreSQL. Restore
it with "aman restore FILE --db NEW".

The backup does not hold the data keys (the key file or AMAN_DATA_KEYS): keep a copy of them
elsewhere. Without them the victims' texts and evidence in a backup cannot be read, by a thief or
by you.

Options:
  --db X    an SQLite file or a postgres:// URL (default as aman serve)
  --json    {"file", "format", "bytes"}`;

const backup: Command = {
  summary: 'Back up the database (SQLite online backup, or pg_dump), keys kept apart',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { db: { type: 'string' }, json: { type: 'boolean' } },
      });
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliError(`give one backup file\n${usage}`, EXIT_USAGE);
    const out = positionals[0]!;
    const done = await serverFailure(() =>
      backupDatabase({ out, ...(values.db === undefined ? {} : { db: values.db }) }).catch(
        (error: unknown) => {
          if (error instanceof BackupError) throw new CliError(error.message, EXIT_FAILURE);
          throw error;
        },
      ),
    );
    io.stdout.write(
      values.json === true
        ? `${JSON.stringify({ file: out, ...done })}\n`
        : `Backup written to ${out} (${done.format}, ${done.bytes} bytes). The data keys are not in it: keep them apart.\n`,
    );
    return 0;
  },
};

export default backup;
