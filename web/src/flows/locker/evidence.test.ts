import { describe, expect, it } from 'vitest';
import {
  chainHashes,
  deserializeEvidence,
  evidenceFromFile,
  evidenceFromText,
  parseEvidenceUrl,
  serializeEvidence,
} from './evidence.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 2, minute));

describe('evidence items', () => {
  it('fingerprint files and texts with SHA-256 and the time they were added', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const file = Object.assign(new Blob([bytes], { type: 'image/png' }), { name: 'profile.png' });
    const item = await evidenceFromFile(file, 'screenshot', at(1));
    // Reference digests from `sha256sum`.
    expect(item.sha256).toBe('cdf3cefe7ec6253d1cb4828ab654da6beb8a4727daac0c49dbf26bedf5887f79');
    expect(item).toMatchObject({ kind: 'screenshot', name: 'profile.png', size: 7 });
    expect(item.addedAt).toBe('2026-11-29T02:01:00.000Z');
    const message = await evidenceFromText('Pay or I send it', 'message', undefined, at(2));
    expect(message.sha256).toBe('eb9937d2dc395da0cc4f2217d2fa7be479a29fb3f809de68c1358bca3c50e01c');
  });

  it('serialise for encryption and come back identical', async () => {
    const item = await evidenceFromText('رسالة التهديد', 'message', {
      verdict: 'webcam blackmail',
      reasons: [{ excerpt: 'send', explanation: 'threat' }],
      indicators: [{ type: 'Phone number', value: '+212 612 345 678', valid: true }],
    });
    const file = await evidenceFromFile(new Blob([new Uint8Array([1, 2, 3])]), 'receipt');
    expect(deserializeEvidence(serializeEvidence(item), 'srv-1')).toEqual({
      ...item,
      storedId: 'srv-1',
    });
    expect(deserializeEvidence(serializeEvidence(file), 'srv-2')).toEqual({
      ...file,
      storedId: 'srv-2',
    });
    expect(deserializeEvidence(new Uint8Array([0, 0, 0, 9, 1]), 'x')).toBeNull();
  });

  it('chain in time order, so removing, editing or back-dating an item changes the chain', async () => {
    const a = await evidenceFromText('first', 'message', undefined, at(1));
    const b = await evidenceFromText('second', 'message', undefined, at(2));
    const c = await evidenceFromText('https://example.org/x', 'url', undefined, at(3));
    const chain = await chainHashes([c, a, b]);
    expect(chain).toHaveLength(3);
    expect(await chainHashes([a, b, c])).toEqual(chain);
    expect((await chainHashes([a, c])).at(-1)).not.toBe(chain.at(-1));
    expect((await chainHashes([a, { ...b, sha256: c.sha256 }, c])).at(-1)).not.toBe(chain.at(-1));
    expect((await chainHashes([a, { ...b, addedAt: at(0).toISOString() }, c])).at(-1)).not.toBe(
      chain.at(-1),
    );
  });

  it('accept links as typed, and refuse what is not a web link', () => {
    expect(parseEvidenceUrl('facebook.com/fake.profile')).toBe('https://facebook.com/fake.profile');
    expect(parseEvidenceUrl(' https://t.me/someone ')).toBe('https://t.me/someone');
    expect(parseEvidenceUrl('javascript:alert(1)')).toBeUndefined();
    expect(parseEvidenceUrl('not a link')).toBeUndefined();
  });
});
