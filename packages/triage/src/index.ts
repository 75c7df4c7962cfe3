/**
 * @aman/triage: tells a victim in a second whether a message is sextortion, which kind, why, and
 * which identifiers of the blackmailer it contains. Pure TypeScript: runs in the browser and Node.
 *
 * @example
 * import { analyze } from '@aman/triage';
 * const { verdict, family, reasons, indicators, guidance } = analyze(messageText);
 */
export { analyze } from './analyze.ts';
export { CUE_EXPLANATIONS } from './explanations.ts';
export { ADVICE } from './guidance.ts';
export type { AdviceText } from './guidance.ts';
export { extractIndicators, MAX_INDICATORS } from './indicators/index.ts';
export { canonicalCity } from './indicators/receiver.ts';
export { normalizeText, toOriginalSpan } from './text/normalize.ts';
export type { NormalizedText, TextView } from './text/normalize.ts';
export {
  ADVICE_KEYS,
  CUES,
  FAMILIES,
  INDICATOR_TYPES,
  LANGUAGES,
  LOCALES,
  SOCIAL_SERVICES,
  TRANSFER_SERVICES,
  VERDICTS,
} from './types.ts';
export type {
  AdviceKey,
  AnalyzeOptions,
  Cue,
  Family,
  Guidance,
  Indicator,
  IndicatorType,
  Language,
  Locale,
  LocalizedText,
  Reason,
  SocialService,
  Span,
  TransferService,
  TriageResult,
  Verdict,
} from './types.ts';
