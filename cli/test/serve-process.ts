import { spawn, type ChildProcess } from 'node:child_process';
import { amanBin } from './run-cli.ts';

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `aman serve` in a child process, as a user would, and resolves once it prints the address
 * it listens on. Rejects with what it printed if it exits first or takes longer than `timeoutMs`.
 */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 30_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [amanBin, 'serve', '--port', '0', ...args], {
    env: { ...process.env, AMAN_RATE_LIMIT_PER_MINUTE: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`aman serve did not start in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ url, child, exited, output: () => ({ stdout, stderr }) });
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`aman serve exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}
