import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { evidenceFromFile, evidenceFromText } from '../src/flows/locker/evidence.ts';
import { lockerMessages } from '../src/flows/locker/messages.ts';
import { buildEvidencePack } from '../src/flows/locker/pdf/evidence-pack.ts';
import { formatterFor } from '../src/i18n/format.ts';

const require = createRequire(import.meta.url);
const fonts = {
  latin: readFileSync(
    require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'),
  ),
  arabic: readFileSync(
    require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff'),
  ),
};

/** A real PNG screenshot stand-in, made by ffmpeg (a test pattern, nothing personal). */
function screenshotPng(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'aman-pack-'));
  const path = join(dir, 'shot.png');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240',
    '-frames:v',
    '1',
    path,
  ]);
  return readFileSync(path);
}

async function fontNames(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names: string[] = [];
  for (const page of doc.getPages()) {
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      names.push(font.get(PDFName.of('BaseFont'))?.toString() ?? '');
    }
  }
  return [...new Set(names)];
}

describe('the evidence pack', () => {
  it('is a PDF with every item, its fingerprint and the screenshots, in Arabic with both fonts', async () => {
    const png = screenshotPng();
    const items = [
      await evidenceFromText(
        'أرسل 500 درهم عبر وافاكاش وإلا سأنشر الفيديو. Western Union MTCN 1234567890',
        'message',
        {
          verdict: 'ابتزاز عبر كاميرا الويب',
          reasons: [{ excerpt: 'سأنشر الفيديو', explanation: 'تهديد بالنشر' }],
          indicators: [{ type: 'رقم هاتف', value: '+212 612-345678', valid: true }],
        },
        new Date(Date.UTC(2026, 10, 29, 1, 0)),
      ),
      await evidenceFromFile(
        Object.assign(new Blob([png as BlobPart], { type: 'image/png' }), { name: 'profil.png' }),
        'screenshot',
        new Date(Date.UTC(2026, 10, 29, 1, 5)),
      ),
      await evidenceFromText('https://facebook.com/fake.profile', 'url'),
    ];
    const pdf = await buildEvidencePack({
      items,
      caseNumber: '7KQM-4XZD-9H2P-R3TA',
      generatedAt: new Date(Date.UTC(2026, 10, 29, 2, 0)),
      direction: 'rtl',
      messages: lockerMessages.ar,
      format: formatterFor('ar'),
      fonts,
    });
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe(lockerMessages.ar.pdf.title);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const names = await fontNames(pdf);
    expect(names.some((name) => name.includes('NotoSansArabic'))).toBe(true);
    expect(names.some((name) => /NotoSans-/.test(name))).toBe(true);
    // The screenshot is embedded as an image.
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/Subtype \/Image/);
    if (process.env.AMAN_KEEP_PDF !== undefined) writeFileSync(process.env.AMAN_KEEP_PDF, pdf);
  });

  it('lays out a French pack on several pages when the items do not fit on one', async () => {
    const long = 'Vous avez 24 h pour payer 300 € sinon la vidéo part à tous vos amis. '.repeat(60);
    const items = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        evidenceFromText(long, 'message', undefined, new Date(Date.UTC(2026, 10, 29, 1, index))),
      ),
    );
    const pdf = await buildEvidencePack({
      items,
      caseNumber: null,
      generatedAt: new Date(),
      direction: 'ltr',
      messages: lockerMessages.fr,
      format: formatterFor('fr'),
      fonts,
    });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(2);
  });
});
