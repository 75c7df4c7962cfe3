/** Shared by the indicator tests: extract from raw text, optionally keeping one type. */
import { normalizeText } from '../text/normalize.ts';
import type { Indicator, IndicatorType } from '../types.ts';
import { extractIndicators } from './index.ts';

export function indicatorsOf(text: string, type?: IndicatorType, country?: string): Indicator[] {
  const all = extractIndicators(normalizeText(text), country);
  return type === undefined ? all : all.filter((i) => i.type === type);
}

/** Every indicator's `value` must be exactly the text at its `span`. */
export function spansAreExact(text: string, indicators: readonly Indicator[]): boolean {
  return indicators.every((i) => text.slice(i.span[0], i.span[1]) === i.value);
}
