/**
 * Cue rules: a cue is present when concepts it needs occur close together. Each rule is a list of
 * groups; one concept of every group must be found, all within `window` tokens. A cue may have
 * several rules (ways of saying it); the first that matches gives its span.
 */
import type { AnyConcept } from '../lexicon/concepts.ts';
import { CONCEPTS, INDICATOR_CONCEPTS } from '../lexicon/concepts.ts';
import type { Occurrence } from '../lexicon/matcher.ts';
import type { Cue } from '../types.ts';

/** One way of expressing a cue. */
export interface CueRule {
  readonly cue: Cue;
  readonly groups: ReadonlyArray<ReadonlyArray<AnyConcept>>;
  /** The largest number of tokens from the first matched token to the last. */
  readonly window: number;
  /** Whether the groups must appear in the order given. */
  readonly ordered?: boolean;
}

/** Where a cue was found, in tokens (inclusive), and which concepts made it. */
export interface CueMatch {
  readonly cue: Cue;
  readonly first: number;
  readonly last: number;
  readonly concepts: readonly AnyConcept[];
}

const rule = (
  cue: Cue,
  window: number,
  groups: ReadonlyArray<ReadonlyArray<AnyConcept>>,
  ordered = false,
): CueRule => ({ cue, window, groups, ordered });

const MONEY: readonly AnyConcept[] = [
  'money',
  'amount',
  'transfer-service',
  'transfer-ref',
  'crypto',
  'crypto-address',
  'gift-card',
];

/** Every rule, grouped by the stage of the scam it belongs to. */
export const CUE_RULES: readonly CueRule[] = [
  // the lure
  rule('move-to-private-app', 6, [['add-me'], ['app']]),
  rule('move-to-private-app', 0, [['number-request']]),
  // A stranger introducing themselves, then an app, a number or a video: the opening of the scam.
  rule('move-to-private-app', 12, [['introduction'], ['app', 'number-request']]),
  // "my WhatsApp: +212 6…", "zidni f whatsapp 06…": an app and a number to reach it on.
  rule('move-to-private-app', 8, [['app'], ['phone-number']]),
  rule('video-call-request', 8, [['call'], ['add-me', 'app', 'camera', 'show', 'flirt', 'want']]),
  rule('video-call-request', 4, [['show'], ['camera', 'face']]),
  rule('video-call-request', 4, [['talk'], ['video', 'camera']]),
  rule('camera-excuse', 5, [['camera', 'mic'], ['broken']]),
  rule('undress-request', 0, [['undress']]),
  rule('profile-check', 8, [['app', 'number-request', 'add-me'], ['verify']]),
  // the reveal
  // Recorded *you* ("je t'ai filmé", "I recorded you"), or the call, or everything; "I recorded
  // your presentation like you asked" is not a claim.
  rule('recording-claim', 2, [['record'], ['you']]),
  rule('recording-claim', 6, [['record'], ['camera', 'sexual', 'call', 'everything']]),
  // "I have the video", "j'ai une vidéo de toi", "3ndi lvideo": the object right after the verb,
  // so that "j'ai publié les photos" (an auxiliary) does not count.
  rule('recording-claim', 3, [['have'], ['video', 'image']], true),
  // "الفيديو عندي", "lvideo 3ndi": the video is with me.
  rule('recording-claim', 2, [['video', 'image'], ['have']], true),
  // Passive or indirect: "est enregistré", "تسجلات", "a copy of the call".
  rule('recording-claim', 6, [['record'], ['video', 'image']], true),
  // The reveal: "c'est toi" with the video or the link; "I delete the video" once paid.
  rule('recording-claim', 8, [['its-you'], ['video', 'image', 'link']]),
  rule('recording-claim', 3, [['delete'], ['video', 'image']]),
  rule('intimate-material', 6, [['video', 'image'], ['sexual']]),
  rule('contacts-harvested', 5, [['have', 'know'], ['contacts']]),
  rule('contacts-harvested', 4, [['know'], ['audience']]),
  rule('contacts-harvested', 6, [['have'], ['audience']], true),
  // the mass e-mail's claims
  rule('device-hacked-claim', 8, [['hack'], ['device', 'camera', 'you', 'your', 'password']]),
  // "While you were watching porn": the claim, not a porn site named as where a video will go.
  rule('adult-site-claim', 6, [['porn'], ['watch', 'hack', 'camera', 'record']]),
  rule('password-quoted', 5, [['password'], ['you', 'your', 'know']]),
  // the threat
  rule('threat-to-share', 8, [['send', 'see'], ['audience']]),
  rule('threat-to-share', 6, [['send'], ['contacts']]),
  rule('threat-to-publish', 8, [['publish-verb', 'send'], ['public-place']]),
  rule('threat-to-publish', 5, [['publish-verb'], ['video', 'image'], ['you', 'your']]),
  rule('threat-to-publish', 5, [['video', 'image'], ['public-place'], ['you', 'your']]),
  // The victim reporting it: "he is threatening me", "كيهددني", "kayhdded fiya".
  rule('threat-to-share', 0, [['threatened']]),
  // "Je vais dire à tout ton entourage que…": telling the victim's people.
  rule('threat-to-share', 4, [['tell'], ['audience']], true),
  // "Pay 2000 or I tell your wife": telling is a threat when money is asked for.
  rule('threat-to-share', 10, [
    ['tell'],
    ['audience'],
    ['money', 'amount', 'pay-verb', 'transfer-verb'],
  ]),
  rule('reputation-threat', 0, [['scandal']]),
  // the demand
  rule('payment-demand', 10, [['pay-verb', 'want', 'give-me', 'transfer-verb'], MONEY]),
  rule('payment-demand', 3, [['send'], ['amount', 'money', 'crypto', 'gift-card']], true),
  // "1000 € or she learns everything", "500 € sinon…"
  rule('payment-demand', 4, [['amount'], ['or', 'if-not']], true),
  rule('payment-demand', 6, [['if-not'], ['amount']], true),
  rule('payment-demand', 0, [['pay-verb']]),
  // "si je n'ai pas reçu 1000 euros", "if I don't get $500", "إذا لم يصلني 500 دولار".
  rule('payment-demand', 8, [['if'], ['negation'], ['amount']], true),
  // "Pour que j'efface tout : 800 €", "send $500 and the video is deleted".
  rule('payment-demand', 10, [['delete'], MONEY]),
  rule('crypto-payment', 0, [['crypto-address']]),
  rule('crypto-payment', 8, [
    ['crypto'],
    ['pay-verb', 'want', 'give-me', 'amount', 'money', 'send'],
  ]),
  rule('money-transfer', 0, [['transfer-service']]),
  rule('money-transfer', 0, [['transfer-ref']]),
  rule('gift-card-payment', 0, [['gift-card']]),
  // the pressure
  rule('deadline', 0, [['deadline-ref']]),
  rule('no-police', 4, [['dont-go'], ['police']]),
  rule('no-police', 8, [['negation', 'if'], ['go-tell'], ['police']], true),
  rule('no-police', 3, [['negation'], ['police']], true),
  rule('escalation', 0, [['not-enough']]),
  rule('escalation', 6, [['more'], ['money', 'amount', 'pay-verb', 'want']]),
  rule('escalation', 6, [['boss'], ['want', 'more', 'money', 'amount']]),
  rule('fake-authority', 15, [['authority', 'police'], ['fine']]),
  rule('fake-authority', 15, [['authority'], ['accusation']]),
  // who is targeted, and extortion of other kinds
  rule('minor-target', 0, [['school']]),
  rule('minor-target', 0, [['minor']]),
  rule('other-extortion-threat', 0, [['kill']]),
  rule('other-extortion-threat', 0, [['affair']]),
  rule('other-extortion-threat', 15, [
    ['data-leak'],
    ['pay-verb', 'money', 'amount', 'crypto', 'crypto-address'],
  ]),
];

/** Occurrences of each concept, sorted by position. */
export interface ConceptIndex {
  get(concept: AnyConcept): readonly Occurrence[] | undefined;
  /** The same by concept number (`CONCEPT_NUMBERS`): the rules resolve their concepts once. */
  byNumber(number: number): readonly Occurrence[] | undefined;
}

/** Every concept a rule or the verdict may ask for, numbered: an index is an array, not a map. */
const CONCEPT_NUMBERS: ReadonlyMap<AnyConcept, number> = new Map(
  [...CONCEPTS, ...INDICATOR_CONCEPTS].map((concept, i) => [concept, i]),
);

/** The occurrences of each concept of one message, in an array by concept number. */
class ConceptLists implements ConceptIndex {
  readonly lists: Array<Occurrence[] | undefined> = new Array<Occurrence[] | undefined>(
    CONCEPT_NUMBERS.size,
  );

  get(concept: AnyConcept): readonly Occurrence[] | undefined {
    const number = CONCEPT_NUMBERS.get(concept);
    return number === undefined ? undefined : this.lists[number];
  }

  byNumber(number: number): readonly Occurrence[] | undefined {
    return this.lists[number];
  }
}

/** Scratch for `indexConcepts`: each occurrence's concept number, and where each concept's run starts. */
const INDEX_SCRATCH = 1 << 12;
const occurrenceConcepts = new Int32Array(INDEX_SCRATCH);
const runStarts = new Int32Array(CONCEPT_NUMBERS.size + 1);

/**
 * Builds the concept index from occurrences (any order, duplicates allowed).
 *
 * @example
 * indexConcepts([{ concept: 'video', first: 2, last: 2 }]).get('video'); // [{ … first: 2 … }]
 */
export function indexConcepts(occurrences: readonly Occurrence[]): ConceptIndex {
  const index = new ConceptLists();
  const lists = index.lists;
  const n = occurrences.length;
  if (n === 0) return index;
  // The occurrences grouped by concept (a stable counting sort), then each concept's list cut out
  // at its size: one array per concept, where pushing one by one allocated each list several
  // times as it grew.
  const concepts = n <= INDEX_SCRATCH ? occurrenceConcepts : new Int32Array(n);
  runStarts.fill(0);
  for (let i = 0; i < n; i++) {
    const number = CONCEPT_NUMBERS.get((occurrences[i] as Occurrence).concept) as number;
    concepts[i] = number;
    runStarts[number + 1] = (runStarts[number + 1] as number) + 1;
  }
  for (let c = 1; c < runStarts.length; c++) {
    runStarts[c] = (runStarts[c] as number) + (runStarts[c - 1] as number);
  }
  // A copy written over in place stays a packed array (no holes), which later reads rely on.
  const grouped = occurrences.slice();
  for (let i = 0; i < n; i++) {
    const number = concepts[i] as number;
    grouped[runStarts[number] as number] = occurrences[i] as Occurrence;
    runStarts[number] = (runStarts[number] as number) + 1;
  }
  // Each run now ends where the next began: runStarts[c] is the end of concept c's run.
  let start = 0;
  for (let number = 0; number < lists.length; number++) {
    const end = runStarts[number] as number;
    if (end === start) continue;
    // Most concepts occur once or twice: an array literal is cheaper than a slice call.
    const list =
      end - start === 1
        ? [grouped[start] as Occurrence]
        : end - start === 2
          ? [grouped[start] as Occurrence, grouped[start + 1] as Occurrence]
          : grouped.slice(start, end);
    start = end;
    lists[number] = list;
    if (list.length < 2) continue;
    // Occurrences mostly arrive in text order already: sort and deduplicate only when needed.
    let sorted = true;
    let distinct = true;
    for (let i = 1; i < list.length && sorted; i++) {
      const a = list[i - 1] as Occurrence;
      const b = list[i] as Occurrence;
      if (a.first > b.first || (a.first === b.first && a.last > b.last)) sorted = false;
      else if (a.first === b.first && a.last === b.last) distinct = false;
    }
    if (!sorted) sortByPosition(list);
    if (!sorted || !distinct) dropRepeats(list);
  }
  return index;
}

/**
 * Keeps one of each run of occurrences at the same tokens, in a list in order, in place: the list
 * is the index's own, and a filtered copy would allocate again (a concept found by two entries at
 * once, "vidéo" and "vidéo*", is the usual case).
 */
function dropRepeats(list: Occurrence[]): void {
  let kept = 1;
  for (let i = 1; i < list.length; i++) {
    const o = list[i] as Occurrence;
    const last = list[kept - 1] as Occurrence;
    if (o.first !== last.first || o.last !== last.last) list[kept++] = o;
  }
  list.length = kept;
}

const NONE: readonly Occurrence[] = Object.freeze([]);

/**
 * Sorts occurrences by first token, then last, keeping the order of equal ones. The lists are
 * short and nearly in order (a few found by another reader appended at the end): insertion sort
 * does it in place, where `Array.prototype.sort` allocates a work copy per call.
 */
function sortByPosition(list: Occurrence[]): void {
  // A long list (a pathological input) keeps the n log n sort.
  if (list.length > INSERTION_SORT_LIMIT) {
    list.sort((a, b) => a.first - b.first || a.last - b.last);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as Occurrence;
    let j = i - 1;
    while (j >= 0 && comesAfter(list[j] as Occurrence, item)) {
      list[j + 1] = list[j] as Occurrence;
      j--;
    }
    list[j + 1] = item;
  }
}

const INSERTION_SORT_LIMIT = 64;

function comesAfter(a: Occurrence, b: Occurrence): boolean {
  return a.first > b.first || (a.first === b.first && a.last > b.last);
}

/** At most this many anchors are tried per rule, so pathological inputs stay linear. */
const MAX_ANCHORS = 2000;

/**
 * Rules with their groups numbered (groups repeat across rules and are merged once per message),
 * each group's concepts by number, and each rule's cue by number: a message's work is then array
 * reads, no map lookup per rule or concept.
 */
interface NumberedRules {
  /** For each group, the numbers of its concepts (`CONCEPT_NUMBERS`). */
  readonly groups: ReadonlyArray<readonly number[]>;
  /** For each rule, the numbers of its groups. */
  readonly groupsOf: ReadonlyArray<readonly number[]>;
  /** For each rule, the number of its cue (its rank among the rules' distinct cues). */
  readonly cueOf: readonly number[];
  readonly cueCount: number;
}

const numberedRuleSets = new WeakMap<readonly CueRule[], NumberedRules>();

function numberRules(rules: readonly CueRule[]): NumberedRules {
  let numbered = numberedRuleSets.get(rules);
  if (numbered === undefined) {
    const numbers = new Map<readonly AnyConcept[], number>();
    const groups: Array<readonly number[]> = [];
    const groupsOf = rules.map((r) =>
      r.groups.map((group) => {
        let number = numbers.get(group);
        if (number === undefined) {
          number = groups.length;
          numbers.set(group, number);
          groups.push(group.map(conceptNumber));
        }
        return number;
      }),
    );
    const cues = [...new Set(rules.map((r) => r.cue))];
    const cueOf = rules.map((r) => cues.indexOf(r.cue));
    numbered = { groups, groupsOf, cueOf, cueCount: cues.length };
    numberedRuleSets.set(rules, numbered);
  }
  return numbered;
}

function conceptNumber(concept: AnyConcept): number {
  const number = CONCEPT_NUMBERS.get(concept);
  if (number === undefined) throw new Error(`a cue rule names an unknown concept: ${concept}`);
  return number;
}

/** The occurrences of a group's concepts, in order (most groups have one concept or none found). */
function mergeGroup(index: ConceptIndex, group: readonly number[]): readonly Occurrence[] {
  let only: readonly Occurrence[] | undefined;
  let several = false;
  for (const concept of group) {
    const found = index.byNumber(concept);
    if (found === undefined || found.length === 0) continue;
    if (only === undefined) only = found;
    else several = true;
  }
  if (!several) return only ?? NONE;
  // Each list is in order already: merging them one after the other gives what a stable sort of
  // their concatenation by first token would (ties keep the group's order), without sorting.
  let all: readonly Occurrence[] = NONE;
  for (const concept of group) {
    const found = index.byNumber(concept);
    if (found !== undefined && found.length > 0) all = all.length === 0 ? found : merge(all, found);
  }
  return all;
}

/** Two lists in order of first token merged into one; on a tie, `a`'s come first. */
function merge(a: readonly Occurrence[], b: readonly Occurrence[]): Occurrence[] {
  const out = new Array<Occurrence>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Occurrence;
    const y = b[j] as Occurrence;
    if (y.first < x.first) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as Occurrence;
  while (j < b.length) out[k++] = b[j++] as Occurrence;
  return out;
}

/**
 * Evaluates every rule; returns one match per cue (its first rule that matches, earliest anchor).
 *
 * @example
 * findCues(indexConcepts(occurrences)).find((m) => m.cue === 'threat-to-share');
 */
export function findCues(index: ConceptIndex, rules: readonly CueRule[] = CUE_RULES): CueMatch[] {
  const { groups, groupsOf, cueOf, cueCount } = numberRules(rules);
  const groupAt = new MergedGroups(index, groups);
  const matched = new Uint8Array(cueCount);
  const matches: CueMatch[] = [];
  for (let k = 0; k < rules.length; k++) {
    const cue = cueOf[k] as number;
    if (matched[cue] === 1) continue;
    const numbers = groupsOf[k] as readonly number[];
    // A cheap test first: a rule whose any group has no occurrence cannot match.
    if (anyGroupEmpty(numbers, groupAt)) continue;
    const match = matchRule(rules[k] as CueRule, numbers, groupAt);
    if (match !== undefined) {
      matched[cue] = 1;
      matches.push(match);
    }
  }
  return matches;
}

/**
 * The occurrences of each numbered group of one message, merged on first use. An object rather
 * than a closure: no function (named, under tsx) created per message.
 */
class MergedGroups {
  private readonly merged: Array<readonly Occurrence[] | undefined>;

  constructor(
    private readonly index: ConceptIndex,
    private readonly groups: ReadonlyArray<readonly number[]>,
  ) {
    this.merged = new Array<readonly Occurrence[] | undefined>(groups.length);
  }

  at(number: number): readonly Occurrence[] {
    return (this.merged[number] ??= mergeGroup(
      this.index,
      this.groups[number] as readonly number[],
    ));
  }
}

/** Whether a group of the rule has no occurrence (a loop: no callback allocated per rule). */
function anyGroupEmpty(numbers: readonly number[], groupAt: MergedGroups): boolean {
  for (let g = 0; g < numbers.length; g++) {
    if (groupAt.at(numbers[g] as number).length === 0) return true;
  }
  return false;
}

function matchRule(
  r: CueRule,
  numbers: readonly number[],
  groupAt: MergedGroups,
): CueMatch | undefined {
  const anchors = groupAt.at(numbers[0] as number);
  for (let a = 0; a < anchors.length && a < MAX_ANCHORS; a++) {
    const anchor = anchors[a] as Occurrence;
    let first = anchor.first;
    let last = anchor.last;
    let ok = true;
    for (let g = 1; g < numbers.length && ok; g++) {
      const best = nearest(
        groupAt.at(numbers[g] as number),
        first,
        last,
        r.window,
        r.ordered ? last : undefined,
      );
      if (best === undefined) {
        ok = false;
      } else {
        first = Math.min(first, best.first);
        last = Math.max(last, best.last);
      }
    }
    if (ok) return { cue: r.cue, first, last, concepts: conceptsOf(r, numbers, groupAt, anchor) };
  }
  return undefined;
}

/** The concepts of a match, found again for the anchor that matched (rarely: once per cue). */
function conceptsOf(
  r: CueRule,
  numbers: readonly number[],
  groupAt: MergedGroups,
  anchor: Occurrence,
): AnyConcept[] {
  const concepts: AnyConcept[] = [anchor.concept];
  let first = anchor.first;
  let last = anchor.last;
  for (let g = 1; g < numbers.length; g++) {
    const best = nearest(
      groupAt.at(numbers[g] as number),
      first,
      last,
      r.window,
      r.ordered ? last : undefined,
    ) as Occurrence;
    first = Math.min(first, best.first);
    last = Math.max(last, best.last);
    concepts.push(best.concept);
  }
  return concepts;
}

/**
 * The occurrence closest to [first, last] that keeps the whole match within `window` tokens;
 * with `after`, only occurrences starting at or after that token (ordered rules).
 */
function nearest(
  list: readonly Occurrence[],
  first: number,
  last: number,
  window: number,
  after: number | undefined,
): Occurrence | undefined {
  // Binary search for the first occurrence that could fit.
  let lo = 0;
  let hi = list.length;
  // Ordered groups need distinct tokens, in order: "the recording" is not "recorded … video".
  const from = Math.max(after === undefined ? -Infinity : after + 1, last - window);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Occurrence).first < from) lo = mid + 1;
    else hi = mid;
  }
  let best: Occurrence | undefined;
  let bestDistance = Infinity;
  for (let i = lo; i < list.length; i++) {
    const o = list[i] as Occurrence;
    if (o.first > first + window) break;
    if (after !== undefined && o.first <= after) continue;
    if (Math.max(last, o.last) - Math.min(first, o.first) > window) continue;
    const distance = o.first >= last ? o.first - last : first >= o.last ? first - o.last : 0;
    if (distance < bestDistance) {
      best = o;
      bestDistance = distance;
    }
  }
  return best;
}
