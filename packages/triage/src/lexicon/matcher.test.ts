import { describe, expect, it } from 'vitest';
import { normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import { CompiledLexicon, arabiziSkeleton } from './matcher.ts';

const tokens = (text: string) => tokenize(normalizeText(text).words.text);

describe('CompiledLexicon', () => {
  it('matches exact words, stems and multi-word entries, accents and case aside', () => {
    const lexicon = new CompiledLexicon(
      [{ video: ['vidéo*'], audience: ['ta famille'], send: ['envoyer'] }],
      'standard',
    );
    const found = lexicon.find(tokens('ENVOYER les VIDEOS à ta propre famille'));
    expect(found.map((o) => `${o.concept}:${o.first}-${o.last}`)).toEqual([
      'send:0-0',
      'video:2-2',
      'audience:4-6',
    ]);
  });

  it('tries Arabic words without their leading clitics', () => {
    const lexicon = new CompiledLexicon([{ audience: ['عائلتك'], send: ['صيفط*'] }], 'standard');
    expect(lexicon.find(tokens('غانصيفطو لعائلتك')).map((o) => o.concept)).toEqual([
      'send',
      'audience',
    ]);
  });

  it('matches Arabizi spelling variants by consonant skeleton', () => {
    expect(arabiziSkeleton('fdi7a')).toBe(arabiziSkeleton('fadiha'));
    expect(arabiziSkeleton('khalles')).toBe(arabiziSkeleton('khless'));
    const lexicon = new CompiledLexicon(
      [{ scandal: ['fdi7*'], 'pay-verb': ['khalles*'] }],
      'arabizi',
    );
    expect(lexicon.find(tokens('nfdhk wla tkhless')).map((o) => o.concept)).toEqual([
      'scandal',
      'pay-verb',
    ]);
  });

  it('never matches a one- or two-letter skeleton', () => {
    const lexicon = new CompiledLexicon([{ porn: ['xxx'] }], 'arabizi');
    expect(lexicon.find(tokens('khoya'))).toEqual([]);
  });
});
