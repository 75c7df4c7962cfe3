import type { Indicator, IndicatorType, TriageResult } from '@aman/triage';
import type { Locale } from '../../i18n/locale.ts';
import type { IndicatorLabel } from './messages.ts';
import { verdictKey, type TriageView } from './view.ts';

/**
 * Runs @aman/triage on this device. The module (and its tables) loads on first use, so the first
 * screen does not pay for it; the text never leaves the page.
 *
 * @example
 * const view = await analyzeOnDevice('Send 500€ by Western Union or I post the video', 'en');
 * view.verdict; // 'webcam-blackmail'
 */
export async function analyzeOnDevice(text: string, locale: Locale): Promise<TriageView> {
  const { analyze } = await import('@aman/triage');
  return toTriageView(analyze(text), text, locale);
}

const LABELS: Record<IndicatorType, IndicatorLabel> = {
  bitcoin: 'bitcoin',
  ethereum: 'ethereum',
  tron: 'tron',
  litecoin: 'litecoin',
  monero: 'monero',
  iban: 'iban',
  phone: 'phone',
  email: 'email',
  url: 'url',
  social: 'handle',
  mtcn: 'mtcn',
  moneygram: 'moneygram',
  'transfer-ref': 'transfer',
  amount: 'amount',
  deadline: 'deadline',
  receiver: 'receiver',
};

/** Types whose `valid` is a real check (a checksum, a numbering plan, a length). */
const CHECKED = new Set<IndicatorType>([
  'bitcoin',
  'ethereum',
  'tron',
  'litecoin',
  'monero',
  'iban',
  'phone',
]);

/** Services are brands: shown by their own names in every language. */
const SERVICE_NAMES: Record<string, string> = {
  skype: 'Skype',
  facebook: 'Facebook',
  instagram: 'Instagram',
  snapchat: 'Snapchat',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  tiktok: 'TikTok',
  twitter: 'X (Twitter)',
  discord: 'Discord',
  'western-union': 'Western Union',
  moneygram: 'MoneyGram',
  wafacash: 'Wafacash',
  'cash-plus': 'Cash Plus',
  'damane-cash': 'Damane Cash',
  'barid-cash': 'Barid Cash',
  ria: 'Ria',
  worldremit: 'WorldRemit',
};

/** The longest excerpt quoted back: enough to recognise the passage, not a wall of text. */
const MAX_EXCERPT = 160;

export function toTriageView(result: TriageResult, text: string, locale: Locale): TriageView {
  const verdict = verdictKey(result.verdict, result.family);
  return {
    verdict,
    videoLikely: verdict === 'not-detected' ? null : result.guidance.videoLikelyExists,
    minorLikely: result.guidance.minorLikely,
    confidence: result.confidence,
    reasons: dedupe(
      result.reasons.map((reason) => ({
        excerpt: excerpt(text, reason.span),
        explanation: reason.explanation[locale],
      })),
    ),
    indicators: dedupeIndicators(result.indicators).map((indicator) => ({
      label: LABELS[indicator.type],
      service: indicator.service !== undefined ? (SERVICE_NAMES[indicator.service] ?? null) : null,
      value:
        indicator.city === undefined ? indicator.value : `${indicator.value}, ${indicator.city}`,
      valid: CHECKED.has(indicator.type) ? indicator.valid : null,
    })),
  };
}

function excerpt(text: string, [start, end]: readonly [number, number]): string {
  const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return passage.length > MAX_EXCERPT ? `${passage.slice(0, MAX_EXCERPT - 1)}…` : passage;
}

function dedupe<T extends { excerpt: string; explanation: string }>(reasons: T[]): T[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.excerpt}\u0000${reason.explanation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The same wallet or number repeated across a long chat is one identifier. */
function dedupeIndicators(indicators: readonly Indicator[]): Indicator[] {
  const seen = new Set<string>();
  return indicators.filter((indicator) => {
    const key = `${indicator.type}\u0000${indicator.normalized}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
