import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ADVICE, CUE_EXPLANATIONS, analyze } from '@aman/triage';
import type { AnalyzeOptions, Locale, TriageResult } from '@aman/triage';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';
import type { Command, CommandIo } from '../command.ts';

const usage = `Usage: aman triage [--json] [--lang en|fr|ar] [--country CC] [FILE | -]
       aman triage --batch FILE.jsonl [--country CC]

Reads a message a blackmailer sent (a chat, an e-mail, an SMS) and says whether it is
sextortion, which kind, why, and which identifiers of the sender it contains (wallets, IBANs,
phone numbers, transfer references…). Works offline: the text never leaves this computer.

With no FILE, or with -, the message is read from standard input (paste it, then Ctrl-D).

Options:
  --json          print the result as one JSON object
  --lang L        language of the explanations and advice: en, fr or ar (default: from $LANG)
  --country CC    country for phone numbers written without a country code (default: guessed
                  from the message, e.g. MA for Darija)
  --batch FILE    read lines {"id", "text"} (JSON Lines; - for standard input) and write one
                  JSON result per line, {"id", ...result}, in the same order; a line that
                  cannot be read gives {"id", "error": {"code", "message"}} and exit status 1`;

/** The largest message read at once; analysis is linear, but a mistaken 2 GB file is not a message. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const triage: Command = {
  summary: 'tell whether a message is sextortion, why, and list its identifiers',
  usage,
  async run(args, io) {
    const options = parseTriageArgs(args);
    const analyzeOptions: AnalyzeOptions =
      options.country === undefined ? {} : { defaultCountry: options.country };
    if (options.batch !== undefined) return runBatch(options.batch, analyzeOptions, io);
    const text = await readMessage(options.file, io);
    const result = analyze(text, analyzeOptions);
    io.stdout.write(
      options.json ? `${JSON.stringify(result)}\n` : formatResult(text, result, options.lang),
    );
    return 0;
  },
};

export default triage;

interface TriageArgs {
  readonly json: boolean;
  readonly lang: Locale;
  readonly country: string | undefined;
  readonly batch: string | undefined;
  readonly file: string | undefined;
}

function parseTriageArgs(args: string[]): TriageArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        country: { type: 'string' },
        batch: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, EXIT_USAGE);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new CliError(
      `one message at a time: got ${positionals.length} files (use --batch for many)`,
      EXIT_USAGE,
    );
  }
  if (values.batch !== undefined && positionals.length > 0) {
    throw new CliError('--batch reads its own file: give no other FILE', EXIT_USAGE);
  }
  const lang = values.lang ?? localeFromEnvironment();
  if (lang !== 'en' && lang !== 'fr' && lang !== 'ar') {
    throw new CliError(`--lang must be en, fr or ar, got "${lang}"`, EXIT_USAGE);
  }
  const country = values.country?.toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    throw new CliError(
      `--country must be a two-letter country code such as MA or FR, got "${values.country}"`,
      EXIT_USAGE,
    );
  }
  return { json: values.json, lang, country, batch: values.batch, file: positionals[0] };
}

/** fr_FR.UTF-8 → fr, ar_MA → ar; anything else → en. */
function localeFromEnvironment(): Locale {
  // The first of these that is set and not empty wins, as for gettext.
  const lang =
    [process.env['LC_ALL'], process.env['LC_MESSAGES'], process.env['LANG']]
      .find((value) => value !== undefined && value !== '')
      ?.toLowerCase() ?? '';
  return lang.startsWith('fr') ? 'fr' : lang.startsWith('ar') ? 'ar' : 'en';
}

async function readMessage(file: string | undefined, io: CommandIo): Promise<string> {
  let bytes: Buffer;
  if (file === undefined || file === '-') {
    if ((io.stdin as { isTTY?: boolean }).isTTY === true) {
      io.stderr.write('Paste the message, then press Ctrl-D on a new line.\n');
    }
    bytes = await readAll(io.stdin);
  } else {
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new CliError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        EXIT_FAILURE,
      );
    }
  }
  if (bytes.length > MAX_MESSAGE_BYTES) {
    throw new CliError(
      `the message is ${bytes.length} bytes; the most read at once is ${MAX_MESSAGE_BYTES}`,
      EXIT_FAILURE,
    );
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_MESSAGE_BYTES) {
      throw new CliError(`standard input is larger than ${MAX_MESSAGE_BYTES} bytes`, EXIT_FAILURE);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** One line of a batch, already checked. */
type BatchLine =
  { id: unknown; text: string } | { id: unknown; error: { code: string; message: string } };

function readBatchLine(line: string, lineNumber: number): BatchLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'invalid_json', message: `line ${lineNumber} is not JSON` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      id: null,
      error: { code: 'invalid_line', message: `line ${lineNumber} is not a JSON object` },
    };
  }
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') {
    return {
      id: id ?? null,
      error: { code: 'missing_text', message: `line ${lineNumber} has no "text" string` },
    };
  }
  return { id: id ?? null, text };
}

async function runBatch(file: string, options: AnalyzeOptions, io: CommandIo): Promise<number> {
  let input: NodeJS.ReadableStream;
  if (file === '-') {
    input = io.stdin;
  } else {
    const stream = createReadStream(file);
    // Open errors arrive as an event; wait for the file to open so they become a clear message.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    }).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`, EXIT_FAILURE);
    });
    input = stream;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const read = readBatchLine(line, lineNumber);
    let output: string;
    if ('error' in read) {
      failures++;
      io.stderr.write(`aman: ${read.error.message}\n`);
      output = JSON.stringify(read);
    } else {
      output = JSON.stringify({ id: read.id, ...analyze(read.text, options) });
    }
    if (!io.stdout.write(`${output}\n`)) {
      await new Promise((resolve) => io.stdout.once('drain', resolve));
    }
  }
  return failures > 0 ? EXIT_FAILURE : 0;
}

const TEXT: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    sextortion: 'SEXTORTION',
    suspicious: 'SUSPICIOUS',
    'not-detected': 'NOTHING DETECTED',
    'webcam-blackmail': 'webcam blackmail',
    'mass-email-bluff': 'mass e-mail bluff',
    'minor-targeted': 'aimed at a minor',
    'other-extortion': 'other extortion',
    lure: 'approach before a threat',
    confidence: 'confidence',
    language: 'message language',
    videoYes: 'A recording or images of you probably exist.',
    videoNo: 'There is no video: this is a bluff.',
    why: 'Why',
    identifiers: 'Identifiers (keep them for the police and the platforms)',
    invalid: 'INVALID',
    plan: 'What to do now',
  },
  fr: {
    sextortion: 'SEXTORSION',
    suspicious: 'SUSPECT',
    'not-detected': 'RIEN DÉTECTÉ',
    'webcam-blackmail': 'chantage à la webcam',
    'mass-email-bluff': 'bluff envoyé en masse',
    'minor-targeted': 'vise un mineur',
    'other-extortion': 'autre extorsion',
    lure: 'approche avant une menace',
    confidence: 'confiance',
    language: 'langue du message',
    videoYes: 'Un enregistrement ou des images de vous existent probablement.',
    videoNo: 'Il n’y a pas de vidéo : c’est un bluff.',
    why: 'Pourquoi',
    identifiers: 'Identifiants (à garder pour la police et les plateformes)',
    invalid: 'INVALIDE',
    plan: 'Que faire maintenant',
  },
  ar: {
    sextortion: 'ابتزاز جنسي',
    suspicious: 'مشبوه',
    'not-detected': 'لم يُكتشف شيء',
    'webcam-blackmail': 'ابتزاز بالكاميرا',
    'mass-email-bluff': 'خدعة مرسلة بشكل جماعي',
    'minor-targeted': 'يستهدف قاصراً',
    'other-extortion': 'ابتزاز من نوع آخر',
    lure: 'استدراج قبل التهديد',
    confidence: 'الثقة',
    language: 'لغة الرسالة',
    videoYes: 'من المحتمل وجود تسجيل أو صور لك.',
    videoNo: 'لا يوجد أي فيديو: إنها خدعة.',
    why: 'لماذا',
    identifiers: 'المعرّفات (احتفظ بها للشرطة والمنصات)',
    invalid: 'غير صالح',
    plan: 'ماذا تفعل الآن',
  },
};

/** A short excerpt of the text at a span, on one line. */
function excerpt(text: string, span: readonly [number, number]): string {
  const words = text.slice(span[0], span[1]).replace(/\s+/g, ' ').trim();
  return words.length > 70 ? `${words.slice(0, 67)}…` : words;
}

/** The readable summary for a person, in the chosen language. */
export function formatResult(text: string, result: TriageResult, lang: Locale): string {
  const t = TEXT[lang];
  const label = (key: string): string => t[key] ?? key;
  const lines: string[] = [];
  const family = result.family === null ? '' : ` (${label(result.family)})`;
  lines.push(
    `${label(result.verdict)}${family}: ${label('confidence')} ${Math.round(result.confidence * 100)} %, ${label('language')}: ${result.language}`,
  );
  lines.push(result.guidance.summary[lang]);
  if (result.guidance.videoLikelyExists === true) lines.push(label('videoYes'));
  if (result.guidance.videoLikelyExists === false) lines.push(label('videoNo'));
  if (result.reasons.length > 0) {
    lines.push('', `${label('why')}:`);
    for (const reason of result.reasons) {
      lines.push(
        `  - «${excerpt(text, reason.span)}»`,
        `    ${CUE_EXPLANATIONS[reason.cue][lang]}`,
      );
    }
  }
  if (result.indicators.length > 0) {
    lines.push('', `${label('identifiers')}:`);
    for (const indicator of result.indicators) {
      const validity = indicator.valid
        ? ''
        : `  [${label('invalid')}: ${indicator.invalidReason ?? ''}]`;
      const extra = [indicator.service, indicator.country]
        .filter((x) => x !== undefined)
        .join(', ');
      lines.push(
        `  ${indicator.type.padEnd(12)} ${indicator.normalized}${extra === '' ? '' : ` (${extra})`}${validity}`,
      );
    }
  }
  if (result.guidance.advice.length > 0) {
    lines.push('', `${label('plan')}:`);
    result.guidance.advice.forEach((key, i) => lines.push(`  ${i + 1}. ${ADVICE[key][lang]}`));
  }
  return `${lines.join('\n')}\n`;
}
