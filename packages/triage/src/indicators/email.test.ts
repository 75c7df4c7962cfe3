import { describe, expect, it } from 'vitest';
import { indicatorsOf } from './test-helpers.ts';

describe('email', () => {
  it('finds plain addresses and lower-cases them as normalized', () => {
    expect(indicatorsOf('écris à Lina.B@Mail.com stp', 'email')).toMatchObject([
      { value: 'Lina.B@Mail.com', normalized: 'lina.b@mail.com', valid: true },
    ]);
  });

  it('refangs defanged addresses', () => {
    for (const text of [
      'lina.b[at]mail[.]com',
      'lina.b (at) mail (dot) com',
      'lina.b[@]mail.com',
    ]) {
      expect(indicatorsOf(`contact: ${text}`, 'email'), text).toMatchObject([
        { value: text, normalized: 'lina.b@mail.com', valid: true },
      ]);
    }
  });

  it('reports a malformed local part as invalid', () => {
    expect(indicatorsOf('mail me: lina..b@mail.com', 'email')).toMatchObject([{ valid: false }]);
  });

  it('needs a top-level domain', () => {
    expect(indicatorsOf('user@localhost', 'email')).toEqual([]);
  });
});
