import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli-error.ts';
import type { Command, CommandIo } from './command.ts';

/**
 * Every command, loaded on demand so that `aman hash` never pays for the server's imports.
 * Add a command by adding its module here; each module default-exports a `Command`.
 */
const commands: Record<string, () => Promise<{ default: Command }>> = {
  hash: () => import('./commands/hash.ts'),
  compare: () => import('./commands/compare.ts'),
  'bench-index': () => import('./commands/bench-index.ts'),
  serve: () => import('./commands/serve.ts'),
  platform: () => import('./commands/platform.ts'),
  triage: () => import('./commands/triage.ts'),
  audit: () => import('./commands/audit.ts'),
  keys: () => import('./commands/keys.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
  staff: () => import('./commands/staff.ts'),
};

async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    await printHelp(io);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    throw new CliError(`unknown command "${name}"; run "aman help" for the list`, EXIT_USAGE);
  }
  const command = (await load()).default;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(args, io);
}

async function printHelp(io: CommandIo): Promise<void> {
  const lines = ['aman: an open platform against sextortion', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(14)} ${(await load()).default.summary}`);
  }
  lines.push('', 'Run "aman <command> --help" for its options.');
  io.stdout.write(`${lines.join('\n')}\n`);
}

const io: CommandIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
try {
  process.exitCode = await main(process.argv.slice(2), io);
} catch (error) {
  if (error instanceof CliError) {
    io.stderr.write(`aman: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    io.stderr.write(
      `aman: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT_FAILURE;
  }
}
