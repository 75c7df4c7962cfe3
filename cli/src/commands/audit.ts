import { parseArgs } from 'node:util';
import { verifyAudit } from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { serverFailure } from './server-errors.ts';

const usage = `Usage: aman audit verify [--db PATH_OR_URL] [--json]

Checks the audit log: every row's MAC under the data keys, the chain from row to row, no gap, and
the sealed head. Says which rows were edited, inserted or deleted; exits 1 if any was.

Keep the head it prints somewhere else (a ticket, a notebook): a later head that does not
continue from it means the whole database was rolled back.

Options:
  --db X    an SQLite file or a postgres:// URL (default as aman serve)
  --json    {"ok", "entries", "head": {"seq", "mac"}, "problems"?}`;

const audit: Command = {
  summary: 'Verify the hash-chained audit log (edited, inserted or deleted rows)',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'verify') {
      throw new CliError(
        action === undefined
          ? `say what to do: verify\n${usage}`
          : `unknown action "${action}"\n${usage}`,
        EXIT_USAGE,
      );
    }
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { db: { type: 'string' }, json: { type: 'boolean' } },
      }));
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
    }
    const result = await serverFailure(() =>
      verifyAudit(values.db === undefined ? {} : { db: values.db }),
    );
    const head = { seq: result.head.seq, mac: result.head.mac };
    if (values.json === true) {
      io.stdout.write(
        `${JSON.stringify({ ok: result.ok, entries: result.entries, head, ...(result.ok ? {} : { problems: result.problems }) })}\n`,
      );
    } else if (result.ok) {
      io.stdout.write(
        `The audit log is intact: ${result.entries} entries, head seq ${head.seq} ${head.mac === '' ? '(empty)' : head.mac}\n`,
      );
    } else {
      io.stdout.write(`${result.problems.join('\n')}\n`);
    }
    if (!result.ok) {
      throw new CliError(
        `the audit log was tampered with: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.entries} entries`,
        EXIT_FAILURE,
      );
    }
    return 0;
  },
};

export default audit;
