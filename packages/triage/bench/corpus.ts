/**
 * The messages `bench:triage` measures, built the same way on every run, so that the golden
 * output check (`golden.ts`) can compare `analyze` on exactly what the benchmark times.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Size of a benchmark message in UTF-8 bytes. */
export const MESSAGE_BYTES = 1024;

/** The evaluation sets, in the order the benchmark reads them. */
export const EVALUATION_SETS = ['dev', 'heldout', 'heldout2', 'heldout3', 'heldout4'] as const;

/** The languages of the one-language rows of the benchmark. */
export const BENCH_LANGUAGES = ['fr', 'en', 'ar', 'ary', 'ary-Latn'] as const;

/** Deterministic pseudo-random numbers, so every run measures the same messages. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every text of the evaluation sets, with its language. */
export function loadTexts(): Array<{ lang: string; text: string }> {
  const texts: Array<{ lang: string; text: string }> = [];
  for (const set of EVALUATION_SETS) {
    const path = fileURLToPath(new URL(`../eval/${set}.jsonl`, import.meta.url));
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() !== '') texts.push(JSON.parse(line) as { lang: string; text: string });
    }
  }
  return texts;
}

/** `count` messages of 1 KB (UTF-8), each made of randomly drawn texts, cut without splitting a character. */
export function buildMessages(texts: readonly string[], count: number, seed: number): string[] {
  const next = random(seed);
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    let message = '';
    while (Buffer.byteLength(message) < MESSAGE_BYTES) {
      message += `${texts[Math.floor(next() * texts.length)]}\n`;
    }
    let cut = message;
    while (Buffer.byteLength(cut) > MESSAGE_BYTES) cut = cut.slice(0, -1);
    messages.push(cut);
  }
  return messages;
}

/**
 * The main corpus: `count` messages mixing all five languages, denser in identifiers and cues
 * than ordinary chat, and both scripts at once, so its figure is the conservative one.
 */
export function mixedMessages(texts: ReadonlyArray<{ text: string }>, count: number): string[] {
  return buildMessages(
    texts.map((t) => t.text),
    count,
    2024,
  );
}

/** 1,000 messages in one language, as a victim pastes them. */
export function oneLanguageMessages(
  texts: ReadonlyArray<{ lang: string; text: string }>,
  lang: string,
): string[] {
  return buildMessages(
    texts.filter((t) => t.lang === lang).map((t) => t.text),
    1000,
    7,
  );
}

/** About a million UTF-16 units of random code points (no lone surrogates): the worst paste. */
export function randomUnicode(length: number, seed: number): string {
  let text = '';
  const next = random(seed);
  while (text.length < length) {
    const cp = Math.floor(next() * 0x30000);
    if (cp < 0xd800 || cp > 0xdfff) text += String.fromCodePoint(cp);
  }
  return text;
}
