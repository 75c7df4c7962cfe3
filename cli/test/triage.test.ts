import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const THREAT =
  "Je t'ai enregistré pendant notre appel Skype. Envoie 500 € par Western Union avant demain, sinon j'envoie la vidéo à ta famille.";
const BLUFF =
  'I hacked your computer and recorded you with your webcam while you were watching porn. Send $900 in Bitcoin to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa within 48 hours.';
const REMITTANCE =
  "Maman, je t'ai envoyé 2000 DH par Western Union. Le MTCN c'est 4821735902. Bisous.";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aman-triage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('aman triage', () => {
  it('prints one JSON result for a file with --json', async () => {
    const file = join(dir, 'threat.txt');
    await writeFile(file, THREAT);
    const result = await runCli(['triage', '--json', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      verdict: 'sextortion',
      family: 'webcam-blackmail',
      language: 'fr',
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('reads standard input with - or with no file', async () => {
    for (const args of [
      ['triage', '--json', '-'],
      ['triage', '--json'],
    ]) {
      const result = await runCli(args, { input: BLUFF });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        verdict: 'sextortion',
        family: 'mass-email-bluff',
      });
    }
  });

  it('prints a readable summary in the language asked for', async () => {
    const english = await runCli(['triage', '--lang', 'en'], { input: THREAT });
    expect(english.code).toBe(0);
    expect(english.stdout).toMatch(/^SEXTORTION \(webcam blackmail\): confidence \d+ %/);
    expect(english.stdout).toContain('A recording or images of you probably exist.');
    expect(english.stdout).toContain('Why:');
    expect(english.stdout).toContain('«envoie la vidéo à ta famille»');
    expect(english.stdout).toMatch(/amount\s+500 EUR/);
    expect(english.stdout).toContain('What to do now:\n  1. Stop replying.');

    const french = await runCli(['triage', '--lang', 'fr'], { input: BLUFF });
    expect(french.stdout).toMatch(/^SEXTORSION \(bluff envoyé en masse\)/);
    expect(french.stdout).toContain('Il n’y a pas de vidéo : c’est un bluff.');

    const arabic = await runCli(['triage', '--lang', 'ar'], { input: THREAT });
    expect(arabic.stdout).toContain('ابتزاز جنسي');
    expect(arabic.stdout).toContain('ماذا تفعل الآن');
  });

  it('takes the language of the summary from $LANG by default', async () => {
    const result = await runCli(['triage'], {
      input: REMITTANCE,
      env: { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    });
    expect(result.stdout).toMatch(/^RIEN DÉTECTÉ/);
    expect(result.stdout).toMatch(/mtcn\s+4821735902 \(western-union\)/);
  });

  it('marks an identifier whose checksum fails as invalid', async () => {
    const result = await runCli(['triage', '--lang', 'en'], {
      input: 'Pay to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now',
    });
    expect(result.stdout).toMatch(
      /bitcoin\s+1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb\s+\[INVALID: checksum\]/,
    );
  });

  it('reads national phone numbers with --country', async () => {
    const result = await runCli(['triage', '--json', '--country', 'fr'], {
      input: 'appelle au 06 39 98 12 34',
    });
    expect(JSON.parse(result.stdout)).toMatchObject({
      indicators: [{ type: 'phone', normalized: '+33639981234' }],
    });
  });

  it('--batch writes one result per line with the same id, in order', async () => {
    const file = join(dir, 'batch.jsonl');
    const lines = [
      { id: 'a', text: THREAT },
      { id: 7, text: REMITTANCE },
      { id: 'c', text: BLUFF },
    ];
    await writeFile(file, `\uFEFF${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`);
    const result = await runCli(['triage', '--batch', file]);
    expect(result.code).toBe(0);
    const out = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; verdict: string });
    expect(out.map((r) => [r.id, r.verdict])).toEqual([
      ['a', 'sextortion'],
      [7, 'not-detected'],
      ['c', 'sextortion'],
    ]);
  });

  it('--batch reports bad lines, keeps going, and exits 1', async () => {
    const input = [
      JSON.stringify({ id: 1, text: THREAT }),
      'not json',
      JSON.stringify({ id: 3 }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 5, text: REMITTANCE }),
    ].join('\n');
    const result = await runCli(['triage', '--batch', '-'], { input });
    expect(result.code).toBe(1);
    const out = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ id: 1, verdict: 'sextortion' });
    expect(out[1]).toEqual({
      id: null,
      error: { code: 'invalid_json', message: 'line 2 is not JSON' },
    });
    expect(out[2]).toEqual({
      id: 3,
      error: { code: 'missing_text', message: 'line 3 has no "text" string' },
    });
    expect(out[3]).toMatchObject({ id: null, error: { code: 'invalid_line' } });
    expect(out[4]).toMatchObject({ id: 5, verdict: 'not-detected' });
    expect(result.stderr).toContain('aman: line 2 is not JSON\n');
  });

  it('refuses bad usage with exit status 2 and a message on stderr', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['triage', '--nope'], /Unknown option '--nope'/],
      [['triage', 'a.txt', 'b.txt'], /one message at a time/],
      [['triage', '--batch', 'x.jsonl', 'y.txt'], /--batch reads its own file/],
      [['triage', '--lang', 'de'], /--lang must be en, fr or ar/],
      [['triage', '--country', 'Morocco'], /two-letter country code/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { input: '' });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^aman: /);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });

  it('says which file it cannot read, with exit status 1', async () => {
    const missing = join(dir, 'missing.txt');
    const single = await runCli(['triage', missing]);
    expect(single).toMatchObject({ code: 1, stdout: '' });
    expect(single.stderr).toBe(`aman: cannot read ${missing}: ENOENT\n`);
    const batch = await runCli(['triage', '--batch', missing]);
    expect(batch.code).toBe(1);
    expect(batch.stderr).toBe(`aman: cannot read ${missing}: ENOENT\n`);
  });

  it('is listed by "aman help"', async () => {
    const result = await runCli(['help']);
    expect(result.stdout).toMatch(/triage\s+tell whether a message is sextortion/);
  });
});
