import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff?url';
import arabicFontUrl from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff?url';
import type { Formatter } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locale.ts';
import type { EvidenceItem } from '../evidence.ts';
import type { lockerMessages } from '../messages.ts';
import { buildEvidencePack } from './evidence-pack.ts';

/**
 * Makes the evidence pack in this tab and offers it as a download. The fonts come from this site
 * (the Arabic one is the same file the page itself uses, usually already cached).
 */
export async function downloadEvidencePack(options: {
  items: readonly EvidenceItem[];
  caseNumber: string | null;
  locale: Locale;
  direction: 'ltr' | 'rtl';
  format: Formatter;
  messages: (typeof lockerMessages)['en'];
}): Promise<void> {
  const [latin, arabic] = await Promise.all([fetchBytes(latinFontUrl), fetchBytes(arabicFontUrl)]);
  const pdf = await buildEvidencePack({
    items: options.items,
    caseNumber: options.caseNumber,
    generatedAt: new Date(),
    direction: options.direction,
    messages: options.messages,
    format: options.format,
    fonts: { latin, arabic },
    toPng: imageToPng,
  });
  const url = URL.createObjectURL(new Blob([pdf as BlobPart], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `aman-evidence-${new Date().toISOString().slice(0, 10)}-${options.locale}.pdf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Screenshots in formats the PDF cannot embed (WebP, GIF, AVIF…) are redrawn as PNG. */
async function imageToPng(bytes: Uint8Array, mimeType: string): Promise<Uint8Array | null> {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mimeType }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (context === null) return null;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const png = await canvas.convertToBlob({ type: 'image/png' });
    return new Uint8Array(await png.arrayBuffer());
  } catch {
    return null;
  }
}
