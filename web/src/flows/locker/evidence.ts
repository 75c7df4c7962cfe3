/**
 * The evidence locker's items: what the person keeps for a police complaint (screenshots, payment
 * receipts, the blackmailer's messages, links), each with the SHA-256 of its content and the time
 * it was added, so an investigator can check later that nothing was changed.
 */

export const EVIDENCE_KINDS = ['screenshot', 'receipt', 'message', 'url'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What triage found in a message, kept with it for the evidence pack. */
export interface EvidenceTriage {
  readonly verdict: string;
  readonly reasons: readonly { readonly excerpt: string; readonly explanation: string }[];
  readonly indicators: readonly {
    readonly type: string;
    readonly value: string;
    readonly valid: boolean | null;
  }[];
}

export interface EvidenceItem {
  /** Local id (random), and the server's id once stored. */
  readonly id: string;
  readonly storedId?: string;
  readonly kind: EvidenceKind;
  /** ISO 8601, when it was added to the locker. */
  readonly addedAt: string;
  /** SHA-256 of the content (the file's bytes, or the UTF-8 text), lower-case hex. */
  readonly sha256: string;
  readonly size: number;
  readonly name?: string;
  readonly mimeType?: string;
  /** The text of a message or the URL. */
  readonly text?: string;
  /** The bytes of a screenshot or receipt, kept in this tab's memory only. */
  readonly bytes?: Uint8Array;
  readonly triage?: EvidenceTriage;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function localId(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/**
 * An item for a file (screenshot, receipt).
 *
 * @example
 * const item = await evidenceFromFile(file, 'screenshot');
 * item.sha256; // 'e3b0c442…'
 */
export async function evidenceFromFile(
  file: Blob & { name?: string },
  kind: 'screenshot' | 'receipt',
  now: Date = new Date(),
): Promise<EvidenceItem> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    id: localId(),
    kind,
    addedAt: now.toISOString(),
    sha256: await sha256Hex(bytes),
    size: bytes.length,
    ...(file.name !== undefined ? { name: file.name } : {}),
    mimeType: file.type || 'application/octet-stream',
    bytes,
  };
}

/** An item for a message or a link, kept as its text. */
export async function evidenceFromText(
  text: string,
  kind: 'message' | 'url',
  triage?: EvidenceTriage,
  now: Date = new Date(),
): Promise<EvidenceItem> {
  const bytes = new TextEncoder().encode(text);
  return {
    id: localId(),
    kind,
    addedAt: now.toISOString(),
    sha256: await sha256Hex(bytes),
    size: bytes.length,
    text,
    ...(triage !== undefined ? { triage } : {}),
  };
}

/** Whether a string is a link worth keeping (http or https, as typed or pasted). */
export function parseEvidenceUrl(text: string): string | undefined {
  const trimmed = text.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!url.hostname.includes('.')) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * The hash chain over the items in time order: each link is SHA-256 of the previous link, the
 * item's SHA-256 and its time. The last link stands for the whole pack: removing, reordering or
 * editing any item changes it.
 *
 * @example
 * const chain = await chainHashes(items); // chain[i] belongs to items sorted by addedAt
 */
export async function chainHashes(items: readonly EvidenceItem[]): Promise<string[]> {
  const links: string[] = [];
  let previous = 'aman-evidence-chain-v1';
  for (const item of sortByTime(items)) {
    previous = await sha256Hex(
      new TextEncoder().encode(`${previous}\n${item.sha256}\n${item.addedAt}`),
    );
    links.push(previous);
  }
  return links;
}

export function sortByTime(items: readonly EvidenceItem[]): EvidenceItem[] {
  return [...items].sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}

/**
 * An item as the bytes to encrypt: a JSON header (everything but the content) and the content.
 * The server only ever sees these bytes sealed.
 */
export function serializeEvidence(item: EvidenceItem): Uint8Array {
  const { bytes, storedId: _storedId, ...meta } = item;
  const header = new TextEncoder().encode(JSON.stringify({ v: 1, ...meta }));
  const content = bytes ?? new Uint8Array(0);
  const out = new Uint8Array(4 + header.length + content.length);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  out.set(content, 4 + header.length);
  return out;
}

export function deserializeEvidence(data: Uint8Array, storedId: string): EvidenceItem | null {
  if (data.length < 4) return null;
  const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
  if (headerLength > data.length - 4) return null;
  try {
    const meta = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + headerLength))) as Omit<
      EvidenceItem,
      'bytes' | 'storedId'
    > & { v?: number };
    if (meta.v !== 1 || !(EVIDENCE_KINDS as readonly string[]).includes(meta.kind)) return null;
    const { v: _version, ...item } = meta;
    const content = data.slice(4 + headerLength);
    return { ...item, storedId, ...(content.length > 0 ? { bytes: content } : {}) };
  } catch {
    return null;
  }
}
