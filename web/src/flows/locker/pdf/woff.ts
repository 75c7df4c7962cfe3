/**
 * WOFF (1.0) to TrueType. The fonts ship as WOFF; pdf-lib embeds a whole font only as raw
 * TrueType (its subsetter cannot be used for Noto Sans Arabic, see evidence-pack.ts), so the
 * zlib-compressed tables are inflated back into a plain sfnt file. Format: W3C WOFF 1.0, §3-5.
 *
 * @example
 * const ttf = await woffToTtf(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 */
export async function woffToTtf(woff: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new TypeError('not a WOFF font'); // "wOFF"
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let index = 0; index < numTables; index++) {
    const entry = 44 + index * 20;
    const tag = view.getUint32(entry);
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const checksum = view.getUint32(entry + 16);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? await inflate(stored) : stored;
    if (data.length !== origLength) throw new TypeError('WOFF table has the wrong length');
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const directory = 12 + numTables * 16;
  const total = tables.reduce((size, table) => size + padded(table.data.length), directory);
  const ttf = new Uint8Array(total);
  const out = new DataView(ttf.buffer);
  const power = 2 ** Math.floor(Math.log2(numTables));
  out.setUint32(0, flavor);
  out.setUint16(4, numTables);
  out.setUint16(6, power * 16);
  out.setUint16(8, Math.log2(power));
  out.setUint16(10, numTables * 16 - power * 16);
  let offset = directory;
  for (const [index, table] of tables.entries()) {
    const record = 12 + index * 16;
    out.setUint32(record, table.tag);
    out.setUint32(record + 4, table.checksum);
    out.setUint32(record + 8, offset);
    out.setUint32(record + 12, table.data.length);
    ttf.set(table.data, offset);
    offset += padded(table.data.length);
  }
  return ttf;
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
