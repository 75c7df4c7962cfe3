import { describe, expect, it } from 'vitest';
import { indicatorsOf } from './test-helpers.ts';

describe('url', () => {
  it('finds links with and without a scheme, without trailing punctuation', () => {
    expect(indicatorsOf('regarde https://vid-share.top/x/8812.', 'url')).toMatchObject([
      {
        value: 'https://vid-share.top/x/8812',
        normalized: 'https://vid-share.top/x/8812',
        valid: true,
      },
    ]);
    expect(
      indicatorsOf('voir bit.ly/3xYz et www.example.ma', 'url').map((u) => u.normalized),
    ).toEqual(['https://bit.ly/3xYz', 'https://www.example.ma/']);
  });

  it('refangs hxxp, [.], (.) and [:]', () => {
    for (const text of ['hxxps://privatevid[.]xyz/v/123', 'hxxps[:]//privatevid(.)xyz/v/123']) {
      expect(indicatorsOf(`lien ${text} !`, 'url'), text).toMatchObject([
        { value: text, normalized: 'https://privatevid.xyz/v/123' },
      ]);
    }
  });

  it('turns profile links into social indicators', () => {
    const text =
      'facebook.com/lina.benali.5 https://www.instagram.com/lina_x/ snapchat.com/add/lina22 t.me/linax wa.me/212612345678';
    expect(indicatorsOf(text).map((i) => `${i.type} ${i.normalized}`)).toEqual([
      'social facebook:lina.benali.5',
      'social instagram:lina_x',
      'social snapchat:lina22',
      'social telegram:linax',
      'social whatsapp:+212612345678',
    ]);
  });

  it('does not read file names or sentence ends as links', () => {
    expect(indicatorsOf('la vidéo.mp4 est prête. fin.', 'url')).toEqual([]);
  });
});
