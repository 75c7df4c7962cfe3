import type { IndicatorLabel, VerdictKey } from './messages.ts';

/**
 * What the triage screen shows, derived from @aman/triage's analysis: one plain verdict, whether a
 * video probably exists (the question that matters most to the person), the passages that show it
 * and the blackmailers' identifiers. Kept separate from the analysis's own shape so the screen
 * depends on one small mapping (analysis.ts).
 */
export interface TriageView {
  readonly verdict: VerdictKey;
  /** true: a recording or images probably exist; false: probably a bluff; null: cannot tell. */
  readonly videoLikely: boolean | null;
  /** The text suggests the person is under 18: the services for minors come first. */
  readonly minorLikely: boolean;
  /** 0..1 */
  readonly confidence: number;
  readonly reasons: readonly { readonly excerpt: string; readonly explanation: string }[];
  readonly indicators: readonly {
    readonly label: IndicatorLabel;
    /** The network or transfer service, by its own name (Skype, Western Union…). */
    readonly service: string | null;
    readonly value: string;
    /** null: the type has no checksum to verify. */
    readonly valid: boolean | null;
  }[];
}

export type Family =
  'webcam-blackmail' | 'mass-email-bluff' | 'minor-targeted' | 'other-extortion' | 'lure';

/**
 * The verdict in the person's terms: the family when the analysis names one, hedged as
 * "suspicious" when it is not sure of sextortion, "not-detected" when nothing was found.
 *
 * @example
 * verdictKey('sextortion', 'mass-email-bluff'); // 'mass-email-bluff'
 * verdictKey('suspicious', 'webcam-blackmail'); // 'suspicious'
 */
export function verdictKey(
  verdict: 'sextortion' | 'suspicious' | 'not-detected',
  family: Family | null,
): VerdictKey {
  if (verdict === 'not-detected') return 'not-detected';
  // Lures and non-sexual extortion are named as such even when the analysis is unsure.
  if (family === 'lure' || family === 'other-extortion') return family;
  if (verdict === 'sextortion' && family !== null) return family;
  return 'suspicious';
}
