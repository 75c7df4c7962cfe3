import { describe, expect, it } from 'vitest';
import { validate } from '../validation.ts';
import { ShareEnvelope } from './case-schemas.ts';
import {
  createStaffKeyPair,
  openPrivateKey,
  openShare,
  sealPrivateKey,
  sealShare,
  shareAdditionalData,
  wrapShareKey,
} from './share-crypto.ts';
import { StaffKeyPair } from './staff-schemas.ts';

// Small argon2 parameters keep the test fast; the format is the same.
const FAST = { memoryKiB: 19_456, iterations: 1, parallelism: 1 };

describe('share crypto', () => {
  it('seals a private key that only the password opens, in the documented form', async () => {
    const { keyPair } = await createStaffKeyPair('a long helpline passphrase', FAST);
    expect(validate(StaffKeyPair, keyPair).ok).toBe(true);
    expect(
      await openPrivateKey(keyPair.wrappedPrivateKey, 'a long helpline passphrase'),
    ).toBeDefined();
    expect(await openPrivateKey(keyPair.wrappedPrivateKey, 'another passphrase')).toBeUndefined();
  });

  it('lets every recipient open a share, a colleague once granted, and nobody else', async () => {
    const amina = await createStaffKeyPair('amina passphrase one', FAST);
    const karim = await createStaffKeyPair('karim passphrase two', FAST);
    const outsider = await createStaffKeyPair('someone else entirely', FAST);
    const aad = shareAdditionalData('7KQM-4XZD-9H2P-R3TA', 3);
    const content = { note: 'il me demande 500 euros', evidence: [{ name: 'capture.png' }] };
    const envelope = await sealShare(
      content,
      [{ staffId: 1, publicKey: amina.keyPair.publicKey }],
      aad,
    );
    expect(validate(ShareEnvelope, envelope).ok).toBe(true);
    expect(JSON.stringify(envelope)).not.toContain('500 euros');

    const opened = await openShare(envelope, envelope.keys[0]!, amina.privateKey, aad);
    expect(opened?.content).toEqual(content);
    // Another helpline's member, or the same envelope moved to another case, opens nothing.
    expect(await openShare(envelope, envelope.keys[0]!, outsider.privateKey, aad)).toBeUndefined();
    const elsewhere = shareAdditionalData('7KQM-4XZD-9H2P-R3TB', 3);
    expect(
      await openShare(envelope, envelope.keys[0]!, amina.privateKey, elsewhere),
    ).toBeUndefined();

    const grant = await wrapShareKey(
      opened!.shareKey,
      { staffId: 2, publicKey: karim.keyPair.publicKey },
      aad,
    );
    expect((await openShare(envelope, grant, karim.privateKey, aad))?.content).toEqual(content);
  });

  it('re-seals a private key under a new password', async () => {
    const { keyPair } = await createStaffKeyPair('old passphrase here', FAST);
    const extractable = await openPrivateKey(
      keyPair.wrappedPrivateKey,
      'old passphrase here',
      true,
    );
    if (extractable === undefined) throw new Error('the old passphrase did not open the key');
    const resealed = await sealPrivateKey(extractable, 'new passphrase here', FAST);
    expect(await openPrivateKey(resealed, 'new passphrase here')).toBeDefined();
    expect(await openPrivateKey(resealed, 'old passphrase here')).toBeUndefined();
  });
});
