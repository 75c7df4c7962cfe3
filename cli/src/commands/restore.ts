import { parseArgs } from 'node:util';
import { BackupError, restoreDatabase } from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { serverFailure } from './server-errors.ts';

const usage = `Usage: aman restore FILE [--db PATH_OR_URL]

Restores a backup made by "aman backup" into a NEW database: an SQLite file that does not exist
yet, or an empty PostgreSQL database (createdb first). It never overwrites a database. The
backup is checked first, and so are the data keys (AMAN_DATA_KEYS, AMAN_KEY_FILE or the data
directory's aman.keys): they must be the ones the backup's data was written with.

Options:
  --db X    where to restore: an SQLite file or a postgres:// URL (default as aman serve)`;

const restore: Command = {
  summary: 'Restore a backup into a new database (keys checked first)',
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' } } });
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliError(`give one backup file\n${usage}`, EXIT_USAGE);
    const file = positionals[0]!;
    const done = await serverFailure(() =>
      restoreDatabase({ file, ...(values.db === undefined ? {} : { db: values.db }) }).catch(
        (error: unknown) => {
          if (error instanceof BackupError) throw new CliError(error.message, EXIT_FAILURE);
          throw error;
        },
      ),
    );
    io.stdout.write(`Restored ${file} (${done.format}) to ${done.location}.\n`);
    return 0;
  },
};

export default restore;
