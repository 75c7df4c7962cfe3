/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1): the same name in the same namespace always gives the
 * same UUID, so two exports of the same wallet produce the same STIX or MISP id and consumers
 * deduplicate them instead of piling up copies.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** STIX 2.1 §2.9: the namespace every producer uses for the ids of cyber-observable objects. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * Aman's own namespace for the ids of its STIX domain objects and MISP objects (STIX forbids the
 * SCO namespace for anything else). Itself the v5 UUID of "https://aman.invalid/ns/correlation" in the
 * RFC's URL namespace, so it can be recomputed.
 */
export const AMAN_NAMESPACE = uuidV5(
  'https://aman.invalid/ns/correlation',
  '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
);

/**
 * @example
 * uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'); // '2ed6657d-e927-568b-95e1-2665a8aea6a2'
 */
export function uuidV5(name: string, namespace: string): string {
  const namespaceHex = namespace.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(namespaceHex)) throw new RangeError(`not a UUID: ${namespace}`);
  const namespaceBytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++)
    namespaceBytes[i] = Number.parseInt(namespaceHex.slice(2 * i, 2 * i + 2), 16);
  const nameBytes = utf8ToBytes(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(namespaceBytes);
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(hash);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
