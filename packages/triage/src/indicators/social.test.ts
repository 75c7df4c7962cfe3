import { describe, expect, it } from 'vitest';
import { indicatorsOf } from './test-helpers.ts';

describe('social handles', () => {
  it('reads handles announced by the network name', () => {
    const text = "ajoute moi sur snap: lina_x22, mon skype c'est sarah.love88, insta @nora.b";
    expect(indicatorsOf(text, 'social').map((s) => s.normalized)).toEqual([
      'snapchat:lina_x22',
      'skype:sarah.love88',
      'instagram:nora.b',
    ]);
  });

  it('reads a handle given after "add me" once the network is named', () => {
    expect(
      indicatorsOf('on passe sur Skype ? ajoute moi : nadia_b.92', 'social').map(
        (s) => s.normalized,
      ),
    ).toEqual(['skype:nadia_b.92']);
    expect(indicatorsOf('snap? add me: kim.xo5', 'social').map((s) => s.normalized)).toEqual([
      'snapchat:kim.xo5',
    ]);
  });

  it('recognises a Skype live id on its own', () => {
    expect(indicatorsOf('add me live:.cid.4f2a9c1b7e', 'social')).toMatchObject([
      { service: 'skype', normalized: 'skype:live:.cid.4f2a9c1b7e', value: 'live:.cid.4f2a9c1b7e' },
    ]);
  });

  it('reads handles after Arabic and Darija network names', () => {
    expect(indicatorsOf('سناب ديالي: lina_x', 'social')).toMatchObject([
      { normalized: 'snapchat:lina_x' },
    ]);
  });

  it('does not take ordinary words after a network name for a handle', () => {
    expect(indicatorsOf('my skype is broken, add me on snap tomorrow', 'social')).toEqual([]);
  });

  it('sees through look-alike letters in the network name', () => {
    expect(indicatorsOf('ѕkуpе: amina.belle93', 'social')).toMatchObject([
      { normalized: 'skype:amina.belle93' },
    ]);
  });
});
