/**
 * Laying out text for the evidence pack in any of the portal's languages, Arabic included: pdf-lib
 * draws glyphs left to right and knows nothing of bidirectional text, so this module
 *  1. wraps a paragraph into lines (by words, breaking words longer than a line such as hashes),
 *  2. orders each line visually with the Unicode Bidirectional Algorithm (bidi-js),
 *  3. splits it into runs of one font and one direction (Arabic letters come from Noto Sans Arabic,
 *     everything else from Noto Sans), mirroring brackets inside right-to-left text,
 *  4. shapes each run with fontkit (joined initial, medial and final Arabic forms, marks placed by
 *     GPOS; right-to-left runs are given in logical order and come back in visual order) and draws
 *     every glyph at the position fontkit computed. pdf-lib's own drawText would place glyphs by
 *     their plain advance widths, which misplaces Arabic marks and overlaps joined letters.
 */
import bidiFactory from 'bidi-js';
import {
  beginText,
  endText,
  PDFHexString,
  popGraphicsState,
  showText as showTextHex,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';

const bidi = bidiFactory();

/** A glyph of a shaped run: its id in the font, and its offset in points from the run start. */
export interface PlacedGlyph {
  readonly id: number;
  readonly x: number;
  readonly y: number;
}

export interface LayoutFont {
  /** Embedded whole (glyph ids in the PDF are the font's own). */
  readonly pdf: PDFFont;
  /** Whether the font has a glyph for this code point. */
  readonly covers: (codePoint: number) => boolean;
  /** Shapes text: glyphs in visual order with their positions, and the advance in points. */
  readonly shape: (text: string, size: number) => { glyphs: PlacedGlyph[]; width: number };
}

export interface FontPair {
  /** Latin, digits and punctuation. */
  readonly latin: LayoutFont;
  /** Arabic script. */
  readonly arabic: LayoutFont;
}

/** A piece of a line drawn with one font, left to right, at its x offset from the line start. */
export interface Run {
  /** The run's text in logical order. */
  readonly text: string;
  readonly font: LayoutFont;
  readonly glyphs: readonly PlacedGlyph[];
  readonly x: number;
  readonly width: number;
  readonly rtl: boolean;
}

export interface Line {
  readonly runs: readonly Run[];
  readonly width: number;
}

function fontFor(fonts: FontPair, char: string): LayoutFont {
  const codePoint = char.codePointAt(0) ?? 0;
  // Shared characters (spaces, digits, punctuation) come from the Latin font.
  if (fonts.latin.covers(codePoint)) return fonts.latin;
  if (fonts.arabic.covers(codePoint)) return fonts.arabic;
  return fonts.latin;
}

const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Zero-width joiners and variation selectors: nothing to draw, nothing to replace. */
const INVISIBLE = /^(?:\u200b|\u200c|\u200d|[\ufe00-\ufe0f])$/u;

/**
 * Characters neither font can draw become a visible placeholder instead of a blank; bidi controls
 * (used to isolate a hash after an Arabic label) stay for the bidi algorithm, then are not drawn.
 */
function drawable(fonts: FontPair, text: string): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (BIDI_CONTROLS.test(char)) out += char;
    else if (fonts.latin.covers(codePoint) || fonts.arabic.covers(codePoint)) out += char;
    else if (/\s/.test(char)) out += ' ';
    else if (!INVISIBLE.test(char)) out += '?';
  }
  return out;
}

/** Width of logical text, summing its font runs (each shaped by its font). */
export function measure(fonts: FontPair, text: string, size: number): number {
  let width = 0;
  let start = 0;
  const chars = [...text].filter((char) => !BIDI_CONTROLS.test(char));
  for (let index = 1; index <= chars.length; index++) {
    const current = chars[start];
    if (current === undefined) break;
    const next = chars[index];
    if (next === undefined || fontFor(fonts, next) !== fontFor(fonts, current)) {
      const piece = chars.slice(start, index).join('');
      width += fontFor(fonts, current).shape(piece, size).width;
      start = index;
    }
  }
  return width;
}

/** Splits one paragraph (no newlines) into lines no wider than `maxWidth`, in logical order. */
export function wrap(fonts: FontPair, text: string, size: number, maxWidth: number): string[] {
  const words = text.split(/(\s+)/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line + word;
    if (measure(fonts, candidate.trimEnd(), size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = /^\s+$/.test(word) ? '' : word;
    // A word longer than a whole line (a hash, a URL): break it where it must.
    while (measure(fonts, line, size) > maxWidth) {
      const chars = [...line];
      let fit = chars.length - 1;
      while (fit > 1 && measure(fonts, chars.slice(0, fit).join(''), size) > maxWidth) fit--;
      lines.push(chars.slice(0, fit).join(''));
      line = chars.slice(fit).join('');
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [''];
}

/**
 * One line of logical text as runs in visual order, for a paragraph direction.
 *
 * @example
 * layoutLine(fonts, 'رقم الملف: 7KQM-4XZD', 10, 'rtl').runs.map((run) => run.text);
 */
export function layoutLine(
  fonts: FontPair,
  logical: string,
  size: number,
  direction: 'ltr' | 'rtl',
): Line {
  const text = drawable(fonts, logical);
  if (text === '') return { runs: [], width: 0 };
  const levels = bidi.getEmbeddingLevels(text, direction);
  const order = bidi.getReorderedIndices(text, levels);
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  // Visual sequence of (character, font, rtl), then grouped into runs.
  const visual = order
    .filter((index) => !BIDI_CONTROLS.test(text[index] ?? ''))
    .map((index) => ({
      char: mirrored.get(index) ?? text[index] ?? '',
      font: fontFor(fonts, text[index] ?? ''),
      rtl: (levels.levels[index] ?? 0) % 2 === 1,
    }));
  const runs: Run[] = [];
  let x = 0;
  let start = 0;
  for (let index = 1; index <= visual.length; index++) {
    const first = visual[start];
    if (first === undefined) break;
    const next = visual[index];
    if (next !== undefined && next.font === first.font && next.rtl === first.rtl) continue;
    const chars = visual.slice(start, index).map((item) => item.char);
    // fontkit lays right-to-left scripts out in reverse itself: give it logical order.
    const shapedRtl = first.rtl && first.font === fonts.arabic;
    const runText = (shapedRtl ? chars.reverse() : chars).join('');
    const shaped = first.font.shape(runText, size);
    runs.push({
      text: runText,
      font: first.font,
      glyphs: shaped.glyphs,
      x,
      width: shaped.width,
      rtl: first.rtl,
    });
    x += shaped.width;
    start = index;
  }
  return { runs, width: x };
}

/**
 * Keeps a machine string (a hash, a URL) in one left-to-right piece after a label in any
 * language, so that digits do not join the Arabic label around them.
 */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}

/** Draws a laid-out line with its left edge at `x` and its baseline at `y`. */
export function drawLine(
  page: PDFPage,
  line: Line,
  x: number,
  y: number,
  size: number,
  color: RGB,
): void {
  const operators = [pushGraphicsState(), setFillingRgbColor(color.red, color.green, color.blue)];
  for (const run of line.runs) {
    // Registers the glyphs with the font, so the PDF maps them back to text (copy, search).
    run.font.pdf.encodeText(run.text);
    const key = page.node.newFontDictionary(run.font.pdf.name, run.font.pdf.ref);
    operators.push(beginText(), setFontAndSize(key, size));
    for (const glyph of run.glyphs) {
      operators.push(
        setTextMatrix(1, 0, 0, 1, x + run.x + glyph.x, y + glyph.y),
        showGlyph(glyph.id),
      );
    }
    operators.push(endText());
  }
  operators.push(popGraphicsState());
  page.pushOperators(...operators);
}

function showGlyph(id: number) {
  return showTextHex(PDFHexString.of(id.toString(16).padStart(4, '0')));
}
