/**
 * The evidence pack: a PDF made on the device for a police complaint. Timeline of the locker's
 * items with their SHA-256 and hash chain, the messages with what triage found, the blackmailers'
 * identifiers, and screenshots and receipts shown full width. Any language, Arabic included
 * (see text-layout.ts); fonts are embedded (subset), so it prints the same everywhere.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFImage, type PDFPage } from 'pdf-lib';
import type { Formatter } from '../../../i18n/format.ts';
import { chainHashes, sortByTime, type EvidenceItem } from '../evidence.ts';
import type { lockerMessages } from '../messages.ts';
import { woffToTtf } from './woff.ts';
import {
  drawLine,
  isolateLtr,
  layoutLine,
  wrap,
  type FontPair,
  type LayoutFont,
} from './text-layout.ts';

type LockerMessages = (typeof lockerMessages)['en'];

/** The fonts, as the WOFF files @fontsource ships. */
export interface PackFonts {
  /** Noto Sans, Latin subset. */
  readonly latin: Uint8Array;
  /** Noto Sans Arabic, Arabic subset. */
  readonly arabic: Uint8Array;
}

export interface EvidencePackInput {
  readonly items: readonly EvidenceItem[];
  readonly caseNumber: string | null;
  readonly generatedAt: Date;
  readonly direction: 'ltr' | 'rtl';
  readonly messages: LockerMessages;
  readonly format: Formatter;
  readonly fonts: PackFonts;
  /**
   * Turns an image the PDF cannot embed directly (WebP, GIF, HEIC…) into PNG bytes, or null when
   * it cannot be decoded. JPEG and PNG are embedded as they are.
   */
  readonly toPng?: (bytes: Uint8Array, mimeType: string) => Promise<Uint8Array | null>;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 50;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const TEXT = rgb(0.11, 0.14, 0.16);
const MUTED = rgb(0.3, 0.34, 0.37);
const ACCENT = rgb(0.04, 0.36, 0.34);

/**
 * @example
 * const bytes = await buildEvidencePack({ items, caseNumber, generatedAt: new Date(),
 *   direction: 'ltr', messages: lockerMessages.en, format: formatterFor('en'), fonts });
 */
export async function buildEvidencePack(input: EvidencePackInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const m = input.messages.pdf;
  doc.setTitle(m.title);
  doc.setSubject(m.subtitle);
  doc.setProducer('Aman');
  doc.setCreator('Aman');
  doc.setCreationDate(input.generatedAt);
  const fonts: FontPair = {
    // No Latin ligatures: "fi" in a profile URL must stay two letters when copied from the PDF.
    latin: await layoutFont(doc, await woffToTtf(input.fonts.latin), { liga: false, clig: false }),
    arabic: await layoutFont(doc, await woffToTtf(input.fonts.arabic)),
  };
  const writer = new Writer(doc, fonts, input.direction);

  writer.paragraph(m.title, 20, ACCENT);
  writer.paragraph(m.subtitle, 12, MUTED);
  writer.gap(6);
  writer.paragraph(m.generated(input.format.dateTime(input.generatedAt)), 10);
  if (input.caseNumber !== null) writer.paragraph(m.caseNumber(input.caseNumber), 10);
  writer.gap(6);
  writer.paragraph(m.howToCheck, 9, MUTED);

  writer.heading(m.identifiers);
  const identifiers = uniqueIdentifiers(input.items);
  if (identifiers.length === 0) writer.paragraph(m.noIdentifiers, 10);
  for (const identifier of identifiers) {
    const note = identifier.valid === false ? ` (${m.invalid})` : '';
    writer.paragraph(`${identifier.type}: ${isolateLtr(identifier.value)}${note}`, 10);
  }

  writer.heading(m.timeline);
  const items = sortByTime(input.items);
  const chain = await chainHashes(items);
  for (const [index, item] of items.entries()) {
    writer.gap(8);
    const kind = input.messages.kinds[item.kind];
    writer.paragraph(m.item(index + 1, kind, input.format.dateTime(item.addedAt)), 11, ACCENT);
    if (item.name !== undefined) {
      writer.paragraph(m.file(item.name, input.format.bytes(item.size)), 10);
    }
    if (item.text !== undefined) writer.paragraph(item.text, 10, TEXT, 'auto');
    if (item.triage !== undefined) {
      writer.paragraph(m.verdict(item.triage.verdict), 10, ACCENT);
      if (item.triage.reasons.length > 0) {
        writer.paragraph(m.reasons, 9, MUTED);
        for (const reason of item.triage.reasons) {
          writer.paragraph(`• “${reason.excerpt}” ${reason.explanation}`, 9, MUTED, 'auto');
        }
      }
    }
    writer.paragraph(`SHA-256: ${isolateLtr(item.sha256)}`, 8, MUTED);
    writer.paragraph(`${m.chain}: ${isolateLtr(chain[index] ?? '')}`, 8, MUTED);
    if (item.bytes !== undefined && item.mimeType !== undefined) {
      const image = await embedImage(doc, item.bytes, item.mimeType, input.toPng);
      if (image !== null) writer.image(image);
      else if (item.mimeType.startsWith('image/')) writer.paragraph(m.imageNotShown, 9, MUTED);
    }
  }

  // Machine-readable too: every item's fingerprint and the chain's last link, for tools that
  // index evidence by hash.
  doc.setKeywords([...items.map((item) => `sha256:${item.sha256}`), `chain:${chain.at(-1) ?? ''}`]);

  if (chain.length > 0) {
    writer.gap(12);
    writer.paragraph(m.chainEnd, 10);
    writer.paragraph(chain[chain.length - 1] ?? '', 9, TEXT, 'ltr');
  }

  const pages = doc.getPages();
  for (const [index, page] of pages.entries()) {
    const line = layoutLine(fonts, m.page(index + 1, pages.length), 8, input.direction);
    drawLine(page, line, (PAGE.width - line.width) / 2, MARGIN / 2, 8, MUTED);
  }
  return doc.save();
}

/**
 * Embeds a TrueType font whole, so glyph ids drawn are the font's own. (fontkit's subsetter loses
 * the outlines of composite glyphs, which is how Noto Sans Arabic builds its letters, and crashes
 * on fonts decoded from WOFF2; whole fonts cost ~190 KB for Arabic, ~30 KB for Latin.)
 */
async function layoutFont(
  doc: PDFDocument,
  ttf: Uint8Array,
  features: Record<string, boolean> = {},
): Promise<LayoutFont> {
  const parsed = fontkit.create(ttf);
  const pdf = await doc.embedFont(ttf, { subset: false });
  const unitsPerEm = parsed.unitsPerEm;
  return {
    pdf,
    covers: (codePoint) => parsed.hasGlyphForCodePoint(codePoint),
    shape(text, size) {
      const run = parsed.layout(text, features);
      const scale = size / unitsPerEm;
      let pen = 0;
      const glyphs = run.glyphs.map((glyph, index) => {
        const position = run.positions[index];
        const placed = {
          id: glyph.id,
          x: (pen + (position?.xOffset ?? 0)) * scale,
          y: (position?.yOffset ?? 0) * scale,
        };
        pen += position?.xAdvance ?? glyph.advanceWidth;
        return placed;
      });
      return { glyphs, width: pen * scale };
    },
  };
}

async function embedImage(
  doc: PDFDocument,
  bytes: Uint8Array,
  mimeType: string,
  toPng: EvidencePackInput['toPng'],
): Promise<PDFImage | null> {
  try {
    if (mimeType === 'image/jpeg') return await doc.embedJpg(bytes);
    if (mimeType === 'image/png') return await doc.embedPng(bytes);
    if (!mimeType.startsWith('image/') || toPng === undefined) return null;
    const png = await toPng(bytes, mimeType);
    return png === null ? null : await doc.embedPng(png);
  } catch {
    // A screenshot the PDF library cannot read is still listed, with its fingerprint.
    return null;
  }
}

function uniqueIdentifiers(items: readonly EvidenceItem[]) {
  const seen = new Map<string, { type: string; value: string; valid: boolean | null }>();
  for (const item of items) {
    for (const indicator of item.triage?.indicators ?? []) {
      const key = `${indicator.type}\u0000${indicator.value}`;
      if (!seen.has(key)) seen.set(key, indicator);
    }
  }
  return [...seen.values()];
}

/** Writes top to bottom, starting new pages as needed. */
class Writer {
  #page: PDFPage;
  #y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: FontPair,
    private readonly direction: 'ltr' | 'rtl',
  ) {
    this.#page = doc.addPage([PAGE.width, PAGE.height]);
    this.#y = PAGE.height - MARGIN;
  }

  gap(points: number): void {
    this.#y -= points;
  }

  heading(text: string): void {
    this.gap(14);
    this.paragraph(text, 14, ACCENT);
    this.gap(2);
  }

  /**
   * A paragraph; `direction` 'auto' follows the text itself (a French message quoted in an Arabic
   * pack reads left to right), 'ltr' is for hashes and other machine strings.
   */
  paragraph(
    text: string,
    size: number,
    color = TEXT,
    direction: 'ltr' | 'rtl' | 'auto' = this.direction,
  ): void {
    const leading = size * 1.45;
    for (const paragraph of text.split(/\r?\n/)) {
      const dir = direction === 'auto' ? detectDirection(paragraph, this.direction) : direction;
      for (const logical of wrap(this.fonts, paragraph, size, CONTENT_WIDTH)) {
        this.#ensure(leading);
        const line = layoutLine(this.fonts, logical, size, dir);
        const x = dir === 'rtl' ? PAGE.width - MARGIN - line.width : MARGIN;
        this.#y -= leading;
        drawLine(this.#page, line, x, this.#y + size * 0.3, size, color);
      }
    }
  }

  image(image: PDFImage): void {
    const maxHeight = PAGE.height - 2 * MARGIN - 40;
    const scale = Math.min(1, CONTENT_WIDTH / image.width, maxHeight / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    this.#ensure(height + 8);
    this.#y -= height + 8;
    const x = this.direction === 'rtl' ? PAGE.width - MARGIN - width : MARGIN;
    this.#page.drawImage(image, { x, y: this.#y, width, height });
  }

  #ensure(height: number): void {
    if (this.#y - height >= MARGIN) return;
    this.#page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.#y = PAGE.height - MARGIN;
  }
}

/** The direction of a paragraph from its first strong letter, as `dir="auto"` does in HTML. */
export function detectDirection(text: string, fallback: 'ltr' | 'rtl'): 'ltr' | 'rtl' {
  const match = /[A-Za-z\u00c0-\u024f\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.exec(text);
  if (match === null) return fallback;
  return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(match[0]) ? 'rtl' : 'ltr';
}
