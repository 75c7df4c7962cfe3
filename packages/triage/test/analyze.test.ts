import { describe, expect, it } from 'vitest';
import { ADVICE, ADVICE_KEYS, CUES, CUE_EXPLANATIONS, LOCALES, analyze } from '../src/index.ts';
import type { TriageResult } from '../src/index.ts';

/** Every reason and indicator span must lie inside the text; indicator values must be the span. */
function expectConsistentSpans(text: string, result: TriageResult): void {
  for (const { span } of [...result.reasons, ...result.indicators]) {
    expect(span[0]).toBeGreaterThanOrEqual(0);
    expect(span[1]).toBeLessThanOrEqual(text.length);
    expect(span[0]).toBeLessThanOrEqual(span[1]);
  }
  for (const indicator of result.indicators) {
    expect(text.slice(indicator.span[0], indicator.span[1])).toBe(indicator.value);
  }
}

describe('analyze: the result', () => {
  const text =
    "Salut. Je t'ai enregistré pendant notre appel Skype. Envoie 500 € par Western Union avant demain, sinon j'envoie la vidéo à ta famille.";
  const result = analyze(text);

  it('has exactly the fields of the issue, plus the guidance', () => {
    expect(Object.keys(result).sort()).toEqual(
      ['confidence', 'family', 'guidance', 'indicators', 'language', 'reasons', 'verdict'].sort(),
    );
    expect(result).toMatchObject({
      verdict: 'sextortion',
      family: 'webcam-blackmail',
      language: 'fr',
    });
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('explains each reason in French, Arabic and English, at the words that show it', () => {
    const cues = result.reasons.map((r) => r.cue);
    expect(cues).toEqual(
      expect.arrayContaining([
        'recording-claim',
        'threat-to-share',
        'payment-demand',
        'money-transfer',
        'deadline',
      ]),
    );
    for (const reason of result.reasons) {
      for (const locale of LOCALES) expect(reason.explanation[locale].length).toBeGreaterThan(10);
    }
    const threat = result.reasons.find((r) => r.cue === 'threat-to-share')!;
    expect(text.slice(...threat.span)).toContain('ta famille');
    const recording = result.reasons.find((r) => r.cue === 'recording-claim')!;
    expect(text.slice(...recording.span)).toContain('enregistré');
    expectConsistentSpans(text, result);
  });

  it('lists the identifiers in text order', () => {
    expect(result.indicators.map((i) => `${i.type}:${i.normalized}`)).toEqual([
      'amount:500 EUR',
      'deadline:tomorrow',
    ]);
  });

  it('says what the family means: a video probably exists, and the plan to follow', () => {
    expect(result.guidance.videoLikelyExists).toBe(true);
    expect(result.guidance.minorLikely).toBe(false);
    expect(result.guidance.advice.slice(0, 2)).toEqual(['stop-replying', 'do-not-pay']);
    expect(result.guidance.advice).toContain('hash-your-media');
    for (const locale of LOCALES) expect(result.guidance.summary[locale]).toMatch(/\S/);
  });

  it('has an explanation for every cue and a text with sources for every advice', () => {
    for (const cue of CUES)
      for (const locale of LOCALES) expect(CUE_EXPLANATIONS[cue][locale]).toMatch(/\S/);
    for (const key of ADVICE_KEYS)
      for (const locale of LOCALES) expect(ADVICE[key][locale]).toMatch(/\S/);
    expect(ADVICE['minor-helpline'].source).toBe('e-enfance.org');
    expect(ADVICE['report-to-police'].source).toMatch(/17cyber/);
  });
});

describe('analyze: families and what they imply', () => {
  it('the mass e-mail bluff: no video exists, and the quoted password should be changed', () => {
    const text =
      'I know that hunter2019 is your password. I hacked your computer and recorded you with your webcam while you were watching porn. Send $900 in Bitcoin to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa within 48 hours.';
    const result = analyze(text);
    expect(result).toMatchObject({
      verdict: 'sextortion',
      family: 'mass-email-bluff',
      language: 'en',
    });
    expect(result.guidance.videoLikelyExists).toBe(false);
    expect(result.guidance.advice).toEqual(
      expect.arrayContaining(['delete-and-ignore', 'change-password']),
    );
    expect(result.indicators.map((i) => i.type)).toEqual(['amount', 'bitcoin', 'deadline']);
  });

  it('a minor: routed to the services for young people', () => {
    const result = analyze(
      't as 15 ans ? tes photos je les envoie à tout ton lycée si tu paies pas 50 € en carte cadeau',
    );
    expect(result).toMatchObject({ verdict: 'sextortion', family: 'minor-targeted' });
    expect(result.guidance.minorLikely).toBe(true);
    expect(result.guidance.advice[0]).toBe('talk-to-trusted-adult');
    expect(result.guidance.advice).toEqual(
      expect.arrayContaining(['minor-helpline', 'take-it-down']),
    );
  });

  it('the lure, before any threat', () => {
    const result = analyze(
      "Salut beau gosse, je m'appelle Inès, ajoute-moi sur Skype pour un appel vidéo, mon micro est en panne.",
    );
    expect(result).toMatchObject({ verdict: 'suspicious', family: 'lure' });
    expect(result.guidance.videoLikelyExists).toBeNull();
  });

  it('extortion without intimate material', () => {
    const result = analyze(
      'Someone paid me to kill you. Send 2 BTC within 72 hours to cancel the contract.',
    );
    expect(result).toMatchObject({ verdict: 'suspicious', family: 'other-extortion' });
  });

  it('Darija in Arabic script and in Latin letters', () => {
    expect(
      analyze('راه عندي الفيديو ديالك وانت عريان. خلص ولا نفضحك قدام الناس كاملين.'),
    ).toMatchObject({
      verdict: 'sextortion',
      family: 'webcam-blackmail',
      language: 'ary',
    });
    expect(
      analyze('3ndi lvideo dyalk w nta 3eryan. khalles wla nfd7ek 9dam ga3 nas.'),
    ).toMatchObject({
      verdict: 'sextortion',
      family: 'webcam-blackmail',
      language: 'ary-Latn',
    });
  });
});

describe('analyze: hard negatives stay negative', () => {
  it.each([
    [
      'awareness page quoting the scam',
      "Sextorsion : que faire ? Les escrocs envoient des messages du type « J'ai piraté votre webcam, payez 500 € en bitcoin sous 48 heures ». Ne payez pas et signalez-le.",
    ],
    [
      'news report',
      'Police in Morocco have arrested a gang suspected of sextortion. The suspects recorded victims during video calls and demanded payments via Western Union, investigators said.',
    ],
    [
      'family remittance with an MTCN',
      "Maman, je t'ai envoyé 2000 DH par Western Union. Le MTCN c'est 4821735902. Bisous.",
    ],
    [
      'consensual intimate chat',
      "Last night's video call was amazing 😍 can't wait to see you naked again babe",
    ],
    [
      'a joke',
      "lol if you don't bring my charger back I'm sending that video of you singing to the whole family group 😂",
    ],
    [
      'an invoice',
      'Votre facture de 89,90 € est à régler avant le 15/07, sinon des pénalités seront appliquées.',
    ],
    [
      'phishing that is not extortion',
      'Your Netflix account has been suspended. Update your payment within 24 hours at hxxps://netflix-verify[.]com',
    ],
  ])('%s', (_kind, text) => {
    const result = analyze(text);
    expect(result.verdict).toBe('not-detected');
    expect(result.family).toBeNull();
    expect(result.guidance.advice).toEqual([]);
    expectConsistentSpans(text, result);
  });

  it('still extracts the identifiers of a negative (an MTCN in a remittance)', () => {
    const result = analyze("Le MTCN Western Union c'est 4821735902");
    expect(result.indicators).toMatchObject([
      { type: 'mtcn', normalized: '4821735902', valid: true },
    ]);
  });

  it('says why an awareness page is not a threat', () => {
    const result = analyze(
      'Les escrocs écrivent « je vais envoyer ta vidéo à ta famille, paye 300 € ». Ne payez pas, conservez les preuves et portez plainte.',
    );
    expect(result.reasons.map((r) => r.cue)).toEqual(['awareness-context']);
  });
});

describe('analyze: a victim pasting the message is still warned', () => {
  it('quotes inside a question from the victim keep their meaning', () => {
    const result = analyze(
      "J'ai reçu ce message, que dois-je faire ? « Je t'ai filmé nu pendant l'appel. Paye 400€ ou j'envoie tout à ta famille »",
    );
    expect(result).toMatchObject({ verdict: 'sextortion', family: 'webcam-blackmail' });
  });
});

describe('analyze: obfuscation', () => {
  it('reads look-alike letters, zero-width characters, spaced letters and leetspeak, with spans on the original', () => {
    const text = 'Ѕеnd $400 оr I ѕ\u200bh\u200bа\u200brе thе v i d e o wіth уоur wіfе. P4y n0w';
    const result = analyze(text);
    expect(result).toMatchObject({ verdict: 'sextortion', family: 'webcam-blackmail' });
    const threat = result.reasons.find((r) => r.cue === 'threat-to-share')!;
    expect(text.slice(...threat.span)).toContain('уоur wіfе');
    expectConsistentSpans(text, result);
  });
});

describe('analyze: options and misuse', () => {
  it('reads national phone numbers with the country given', () => {
    const text = 'Appelle-moi au 06 39 98 12 34 sinon ta vidéo part chez ta famille';
    expect(analyze(text, { defaultCountry: 'FR' }).indicators).toMatchObject([
      { normalized: '+33639981234' },
    ]);
    expect(analyze(text, { defaultCountry: 'MA' }).indicators).toMatchObject([
      { normalized: '+212639981234' },
    ]);
  });

  it('handles empty text', () => {
    expect(analyze('')).toMatchObject({
      verdict: 'not-detected',
      language: 'und',
      reasons: [],
      indicators: [],
    });
  });

  it('throws a TypeError when given something else than a string (a programming error)', () => {
    expect(() => analyze(42 as unknown as string)).toThrow(TypeError);
  });
});

/**
 * General readings added after held-out set 4 showed their absence; each is tested here on
 * sentences written for the test, not on the set's messages.
 */
describe('analyze: readings added after held-out set 4', () => {
  const verdictOf = (text: string): string => {
    const r = analyze(text);
    return `${r.verdict}/${r.family ?? '-'}`;
  };
  const deadlinesOf = (text: string): string[] =>
    analyze(text)
      .indicators.filter((i) => i.type === 'deadline')
      .map((i) => `${i.value} → ${i.normalized}`);

  it('does not read the words inside an e-mail address or a link as prose', () => {
    const text =
      "Police judiciaire : une plainte vous vise pour consultation d'images pédopornographiques. Réglez l'amende de 300 € sous 48 h à cyber.arrestation.enquete@mail.com";
    const result = analyze(text);
    expect(`${result.verdict}/${result.family}`).toBe('suspicious/other-extortion');
    expect(result.reasons.map((r) => r.cue)).not.toContain('news-context');
  });

  it('reads the reveal ("tu te reconnais ?", "is this you?") with a link or a video', () => {
    expect(
      verdictOf(
        "Tu te reconnais ? hxxps://vidprive[.]net/v/88 Si je n'ai pas reçu 500 euros, elle devient publique.",
      ),
    ).toBe('sextortion/webcam-blackmail');
    expect(verdictOf("Is this you? youtu.be/q1w2e3 If I don't get $400 it goes public.")).toBe(
      'sextortion/webcam-blackmail',
    );
  });

  it('reads "pay and I delete the video" as a recording and a demand', () => {
    expect(
      verdictOf('Send 300 dollars on Western Union and I delete the clip, you have my word.'),
    ).toBe('sextortion/webcam-blackmail');
    expect(verdictOf('sift 1500 dh f wafacash w nms7 lvideo 9damek')).toBe(
      'sextortion/webcam-blackmail',
    );
  });

  it('reads SMS spellings ("ur mom", "2nite") as the words they stand for', () => {
    const text = 'i got ur pics. $150 on cashapp or ur mom sees everything 2nite';
    expect(verdictOf(text)).toBe('sextortion/webcam-blackmail');
    expect(deadlinesOf(text)).toEqual(['2nite → tonight']);
  });

  it('keeps a named time as a deadline only in the sentence of a demand', () => {
    expect(deadlinesOf('Tu vires 400 € ce soir ou la vidéo part.')).toEqual(['ce soir → tonight']);
    expect(deadlinesOf('On se voit ce soir ? Je te rends les 20 € demain.')).toEqual([]);
  });

  it('does not take the people a video shows for the people it is sent to', () => {
    expect(verdictOf("Coach: send me clips of your daughter's match before Friday.")).toBe(
      'not-detected/-',
    );
  });

  it('does not take a camera recording someone else for a recording of the reader', () => {
    expect(
      verdictOf(
        'The security camera recorded the man who broke the window; we gave the footage to the police.',
      ),
    ).toBe('not-detected/-');
  });

  it('lets a joke be a joke unless there is a price or intimate material', () => {
    expect(
      verdictOf(
        "mdr je t'ai filmé en train de dormir en cours, paye-moi un café ou ça part sur le groupe 😂",
      ),
    ).toBe('not-detected/-');
    expect(verdictOf("mdr je t'ai filmé tout nu, 200 € ou ça part sur le groupe 😂")).toBe(
      'sextortion/webcam-blackmail',
    );
  });

  it('reads the Darija lure: come over to my WhatsApp, I will turn the camera on', () => {
    expect(verdictOf('douz l whatsapp dyali 0677 12 34 56, n7ell lik cam')).toBe('suspicious/lure');
  });

  it('does not take a creditor naming the court for a fake authority', () => {
    expect(
      verdictOf(
        'Dernier rappel : réglez les 1 200 € dus avant le 15/10, faute de quoi le dossier sera transmis au tribunal.',
      ),
    ).toBe('not-detected/-');
  });

  it('reads "transfer, or I expose you" as the webcam rings\' demand', () => {
    expect(verdictOf('sift 3000 dh f cash plus smiya Karim, wla nfdh7ek')).toBe(
      'sextortion/webcam-blackmail',
    );
  });
});
