/**
 * Language identification for short, informal, mixed messages: script first (Arabic or Latin), then
 * frequent function words. Darija is told from Modern Standard Arabic by its own grammar words
 * (ديال، غادي، واش، راه) and, in Latin letters, from French and English by its words (dyal, ghadi,
 * wach) and by digits used as letters ("3ndi", "l7bs").
 */
import type { Language } from '../types.ts';
import type { Token } from './tokenize.ts';

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w !== ''));
}

const FRENCH = wordSet(`
  le la les de des du et est pas que qui je tu vous une un pour avec sur dans ce cette mon ton ta
  tes votre vos mais ou au aux il elle nous ne c j n l d qu si sont tout plus moi toi ca suis ai as
  avez sera fait etre avoir me te se en y sinon par chez leur leurs ont va vais vas mes sa son ses
  cela ceci quand comme aussi tres bien alors donc merci bonjour salut
`);
const ENGLISH = wordSet(`
  the and you your is are to of a in that it for on with this i my me be have will not if or we
  they do don can all what at from by was am been just so but he she his her our their them there
  here get got would could should its im dont youre hi hello please thanks
`);
/** Darija in Latin letters; only words that are not also common French or English words. */
const DARIJA_LATIN = wordSet(`
  dyal dyalk dyali dyalo dyalha dial dialk diali wach wesh bghit baghi bgha ghadi gha daba rah raha
  rak raki khass khassek khask flous lflous nta nti ntia ana hna bzaf bezzaf mzyan mzyana chno achno
  kifach 3lik 3ndk 3ndi 3andek andek lik lia liya walo hadchi kayn kayna kaynin bach wakha 3afak
  chi chwiya m3a m3ak ila mat machi safi ghir kolchi ga3 hadi dak dik nhar lyoum ghda sa3a sme7li
  7it yak ach tani kan kant 3la kamla kamlin mn b3d lbare7 wla o f l had hadak 3reft smiya
  khalles sift siftli dert ndir tkhtar fin chkoun
`);
const DARIJA_ARABIC = wordSet(`
  ديال ديالك ديالي ديالو ديالها دياولك واش شنو اش علاش كيفاش فين دابا غادي غا راه راك راني بزاف
  مزيان بغيت باغي بغا خاص خاصك خصك حيت هادشي هاد هادي داك ديك واخا ماشي والو شي شوية كاين كاينة
  صافي غير كاع كلشي نتا نتي ليا ليك فلوس صيفط نصيفط عافاك بلا معايا معاك البارح توحشتك عطيني
  مزال مازال ولا لي غدا فالواتساب فالفيسبوك
`);
const STANDARD_ARABIC = wordSet(`
  هذا هذه الذي التي ان أن إن لقد قد سوف إذا اذا لكن ليس كان هل على إلى الى من في عن مع كل لك لديك
  عليك يجب ماذا لماذا ذلك تلك نحن أنت انت لم لن ثم حتى بعد قبل جميع الآن الان أي عند يرجى أرجو
  وإلا سيتم تم لقد عبر خلال
`);

const FR = 1;
const EN = 2;
const DARIJA_LATIN_FLAG = 4;
const DARIJA_ARABIC_FLAG = 8;
const STANDARD_ARABIC_FLAG = 16;
/** Every marker word and the languages it marks: one lookup per token instead of five. */
const MARKERS = new Map<string, number>();
for (const [set, flag] of [
  [FRENCH, FR],
  [ENGLISH, EN],
  [DARIJA_LATIN, DARIJA_LATIN_FLAG],
  [DARIJA_ARABIC, DARIJA_ARABIC_FLAG],
  [STANDARD_ARABIC, STANDARD_ARABIC_FLAG],
] as const) {
  for (const word of set) MARKERS.set(word, (MARKERS.get(word) ?? 0) | flag);
}

/** What one word says about the language: the marker flags above, plus these. */
const ARABIC_SCRIPT = 32;
const LATIN = 64;
const ARABIZI_DIGITS = 128;
const DARIJA_VERB = 256;
const STANDARD_PREFIX = 512;

/**
 * What a word says about the language of its message, as bit flags (it depends on the word
 * alone, so callers may remember it per distinct word; see `languageOfWords`).
 *
 * @example
 * languageOfWords([wordLanguage('dyalk', false), wordLanguage('3ndi', false)]); // 'ary-Latn'
 */
export function wordLanguage(text: string, arabic: boolean): number {
  let flags = MARKERS.get(text) ?? 0;
  if (arabic) {
    flags |= ARABIC_SCRIPT;
    if (isDarijaVerb(text)) flags |= DARIJA_VERB;
    if (text.startsWith('سأ') || text.startsWith('سا')) flags |= STANDARD_PREFIX;
    return flags;
  }
  if (!hasLatinLetter(text)) return flags;
  flags |= LATIN;
  // Digits as letters inside a word: 3ndi, l7bs, s7abk, 9bel; not "48h", and leet uses 0 1 4 8 too.
  if (
    hasArabiziDigit(text) &&
    /[a-z][2379]|[2379][a-z]/.test(text) &&
    !/[0148]/.test(text) &&
    !/^\d+[a-z]{1,3}$/.test(text)
  ) {
    flags |= ARABIZI_DIGITS;
  }
  return flags;
}

/**
 * Guesses the language of a message from what each of its words says (`wordLanguage`).
 *
 * @example
 * languageOfWords(tokens.map((t) => wordLanguage(t.text, t.arabic))); // 'fr'
 */
export function languageOfWords(words: ArrayLike<number>): Language {
  let arabicTokens = 0;
  let latinTokens = 0;
  let darijaArabic = 0;
  let standardArabic = 0;
  let darijaLatin = 0;
  let arabiziDigits = 0;
  let french = 0;
  let english = 0;
  for (let i = 0; i < words.length; i++) {
    const flags = words[i] as number;
    if ((flags & ARABIC_SCRIPT) !== 0) {
      arabicTokens++;
      if ((flags & (DARIJA_ARABIC_FLAG | DARIJA_VERB)) !== 0) darijaArabic++;
      if ((flags & (STANDARD_ARABIC_FLAG | STANDARD_PREFIX)) !== 0) standardArabic++;
      continue;
    }
    if ((flags & LATIN) === 0) continue;
    latinTokens++;
    if ((flags & FR) !== 0) french++;
    if ((flags & EN) !== 0) english++;
    if ((flags & DARIJA_LATIN_FLAG) !== 0) darijaLatin++;
    if ((flags & ARABIZI_DIGITS) !== 0) arabiziDigits++;
  }
  if (arabicTokens === 0 && latinTokens === 0) return 'und';
  if (arabicTokens >= latinTokens) {
    return darijaArabic > 0 && darijaArabic * 2 >= standardArabic ? 'ary' : 'ar';
  }
  const darija = darijaLatin + 1.5 * arabiziDigits;
  if (darija >= 2 && darija >= 0.6 * Math.max(french, english)) return 'ary-Latn';
  if (french === 0 && english === 0) return darija > 0 ? 'ary-Latn' : 'und';
  return french >= english ? 'fr' : 'en';
}

/**
 * Guesses the language of a message from its tokens.
 *
 * @example
 * detectLanguage(tokenize(normalizeText('3ndi lvideo dyalk, sift lflous').words.text)); // 'ary-Latn'
 */
export function detectLanguage(tokens: readonly Token[]): Language {
  return languageOfWords(tokens.map((t) => wordLanguage(t.text, t.arabic)));
}

function hasArabiziDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code === 50 || code === 51 || code === 55 || code === 57) return true; // 2 3 7 9
  }
  return false;
}

function hasLatinLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 97 && code <= 122) return true;
  }
  return false;
}

/** Darija verbs carry prefixes MSA does not use: كن/كي/كت (present), غا (future). */
function isDarijaVerb(word: string): boolean {
  return word.length >= 5 && /^(?:كن|كي|كت|كا|غان|غاي|غات)/.test(word);
}
