import { describe, expect, it } from 'vitest';
import { AMAN_NAMESPACE, uuidV5 } from './uuid.ts';

describe('uuidV5', () => {
  it("matches the RFC 9562 example and Python's uuid.uuid5", () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://aman.invalid/ns/correlation'))"
    expect(AMAN_NAMESPACE).toBe('2a7e59e9-be59-5f76-b675-a3ef1f659ad5');
  });

  it('hashes names as UTF-8 and sets the version and variant bits', () => {
    const id = uuidV5('وادي زم', AMAN_NAMESPACE);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV5('وادي زم', AMAN_NAMESPACE)).toBe(id);
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError);
  });
});
