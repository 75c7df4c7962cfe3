/**
 * Golden output for speed work: runs `analyze` on every evaluation text (as written and in
 * obfuscated variants), on every message the benchmark times and on random Unicode, under three
 * country options, and writes one JSON result per line. Run it at the commit before an
 * optimisation and after it: the two files must be byte-identical.
 *
 *   npx tsx packages/triage/bench/golden.ts > /tmp/before.jsonl   # at the old commit
 *   npx tsx packages/triage/bench/golden.ts > /tmp/after.jsonl
 *   cmp /tmp/before.jsonl /tmp/after.jsonl
 */
import { analyze } from '../src/index.ts';
import type { AnalyzeOptions } from '../src/index.ts';
import {
  BENCH_LANGUAGES,
  loadTexts,
  mixedMessages,
  oneLanguageMessages,
  random,
  randomUnicode,
} from './corpus.ts';

/** The same text with the changes scammers make to dodge filters, and the benchmark's messages. */
function goldenInputs(): string[] {
  const texts = loadTexts();
  const inputs: string[] = [];
  for (const { text } of texts) {
    inputs.push(
      text,
      text.toUpperCase(),
      [...text].join(' '),
      text.replace(/\s+/gu, ''),
      text.replace(/o/gu, '0').replace(/e/gu, '3'),
    );
  }
  const next = random(11);
  for (let i = 0; i < texts.length; i++) {
    const a = texts[Math.floor(next() * texts.length)]?.text ?? '';
    const b = texts[Math.floor(next() * texts.length)]?.text ?? '';
    inputs.push(`${a} ${b}`);
  }
  inputs.push(...mixedMessages(texts, 5000));
  for (const lang of BENCH_LANGUAGES) inputs.push(...oneLanguageMessages(texts, lang));
  for (let seed = 1; seed <= 20; seed++) inputs.push(randomUnicode(2000, seed));
  inputs.push(randomUnicode(200_000, 7), '');
  return inputs;
}

const OPTIONS: readonly AnalyzeOptions[] = [{}, { defaultCountry: 'MA' }, { defaultCountry: 'FR' }];

const out: string[] = [];
for (const input of goldenInputs()) {
  for (const options of OPTIONS) out.push(JSON.stringify(analyze(input, options)));
}
process.stdout.write(`${out.join('\n')}\n`);
