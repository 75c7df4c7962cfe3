import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('aman', () => {
  it('lists its commands on "help" and exits 0', async () => {
    const result = await runCli(['help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Commands:');
  });

  it('refuses an unknown command with a usage error', async () => {
    const result = await runCli(['no-such-command']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'aman: unknown command "no-such-command"; run "aman help" for the list\n',
    );
  });
});
