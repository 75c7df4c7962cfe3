/**
 * A real `aman serve` for one test file: a temp SQLite database, a free port, the built web app.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../../../', import.meta.url).pathname;
const amanBin = join(root, 'cli/bin/aman.js');
const run = promisify(execFile);

export interface Aman {
  readonly url: string;
  readonly db: string;
  /** What `aman serve` printed at start (the demo console's accounts, in demo mode). */
  readonly banner: string;
  /** The temp directory with the database and its key file. */
  readonly dir: string;
  /** Creates a platform with `aman platform add --json` and returns its API key. */
  platformKey(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startAman(
  options: { readonly args?: readonly string[] } = {},
): Promise<Aman> {
  if (!existsSync(join(root, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build -w @aman/web` before the e2e tests');
  }
  const dir = mkdtempSync(join(tmpdir(), 'aman-e2e-'));
  const db = join(dir, 'aman.sqlite');
  const child = spawn(
    process.execPath,
    [amanBin, 'serve', '--port', '0', '--db', db, ...(options.args ?? [])],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The data keys go in the temp dir too (AMAN_DATA_DIR), never in the repository's .data.
      env: { ...process.env, AMAN_RATE_LIMIT_PER_MINUTE: '100000', AMAN_DATA_DIR: dir },
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`aman serve did not start:\n${output}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1] !== undefined && output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aman serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    db,
    banner: output,
    dir,
    async platformKey(name) {
      // The same data dir as the server: its key file opens this database.
      const { stdout } = await run(
        process.execPath,
        [amanBin, 'platform', 'add', name, '--db', db, '--json'],
        { env: { ...process.env, AMAN_DATA_DIR: dir } },
      );
      return (JSON.parse(stdout) as { apiKey: string }).apiKey;
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
