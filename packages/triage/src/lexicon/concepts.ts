/**
 * Concepts: families of words, in every language Aman reads, that mean the same thing for triage
 * ("send", "envoyer", "نرسل", "نصيفط", "nsift" are all `send`). Cues are built from concepts that
 * occur near each other, never from whole sentences, so that a message phrased in a way nobody
 * wrote before is still understood.
 */
export const CONCEPTS = [
  // the threat
  'send', // send, share, forward, envoyer, نرسل, صيفط, sift
  'see', // "your family will see it": verra, يشوفو, ychoufo
  'publish-verb', // publish, post, upload, publier, ننشر, nchar
  'public-place', // internet, YouTube, porn sites, social networks
  'audience', // the victim's people: your family, tes amis, عائلتك, s7abk, everyone
  'contacts', // friends list, contact list, liste d'amis, ليستة
  'know', // I know, je sais, عرفت, 3reft
  'scandal', // shame, ruin your life, فضيحة, nfd7ek
  'if-not', // otherwise, sinon, وإلا, wla
  'or', // "500 € or she learns everything": or, ou, أو, ولا, wla
  'everything', // everything, tout, كلشي, kolchi
  'delete', // delete, effacer, supprimer, نمسح, nms7: "pay and I delete it" implies a copy exists
  'its-you', // "c'est toi", "that's you", "هذا أنت", "hada nta": the reveal of a recording or a link
  // the material
  'video',
  'image',
  'sexual',
  'record', // recorded, filmed, enregistré, سجلت, sajalt
  'have', // I have, j'ai, عندي, 3ndi
  'you', // the victim as object: you, toi, te, لك, lik
  'your', // the victim's: your, ton, ta, ديالك, dyalk
  'camera',
  'call', // video call, appel vidéo, مكالمة فيديو
  'event', // a wedding, a birthday, a trip: what an ordinary video or photo is of
  // the money
  'pay-verb',
  'transfer-verb', // transfer, wire, حول: also "about" in Arabic, so it needs money nearby
  'want', // want, need, must, veux, خاصك, bghit
  'give-me', // send me, give me, عطيني, 3tini
  'money',
  'transfer-service', // Western Union, MoneyGram, Wafacash, Cash Plus
  'crypto',
  'gift-card',
  // the pressure
  'police',
  'go-tell', // go, call, tell, report: the verbs of going to the police
  'negation',
  'dont-go', // Darija one-word prohibitions: ماتمشيش, matmchich
  'if',
  'more', // more, again, encore, زيد, mazal
  'not-enough',
  'boss', // "my boss wants more"
  'authority', // court, prosecutor, brigade, summons
  'accusation', // paedophilia, minor
  'fine', // fine, amende, غرامة
  // the mass e-mail
  'hack',
  'device',
  'porn',
  'watch',
  'password',
  'split-screen',
  // minors
  'school',
  'minor',
  'age-unit',
  // other extortion
  'kill',
  'affair', // an affair or a secret
  'tell', // "I'll tell your wife": a threat only with a money demand
  'data-leak',
  // the lure
  'app',
  'add-me',
  'number-request',
  'broken',
  'mic',
  'face',
  'show',
  'undress',
  'flirt',
  'introduction', // a stranger presenting themselves: "je m'appelle Inès, 26 ans", "I saw your profile"
  'talk', // talk, see each other: with "video" or "camera", a video call
  'verify',
  // context
  'scam-word',
  'news',
  'advice',
  'example',
  'victim-voice',
  'threatened', // the victim reporting a threat: "he threatens me", "on me fait chanter", "كيهددني"
  'joke',
] as const;
export type Concept = (typeof CONCEPTS)[number];

/**
 * Concepts that come from indicators rather than words: an amount, a wallet, a transfer reference,
 * a deadline found in the text count as evidence at their position.
 */
export const INDICATOR_CONCEPTS = [
  'amount',
  'crypto-address',
  'transfer-ref',
  'deadline-ref',
  'phone-number',
  'link',
] as const;
export type IndicatorConcept = (typeof INDICATOR_CONCEPTS)[number];

/** Any concept a cue rule can ask for. */
export type AnyConcept = Concept | IndicatorConcept;

/**
 * A lexicon: for each concept, the words that express it. An entry is one or more words separated
 * by spaces; a trailing `*` on a word matches any word that starts with it ("enregistr*" matches
 * "enregistré", "enregistrement"). Entries are written naturally (accents, hamza, apostrophes) and
 * normalised like the text when compiled.
 */
export type Lexicon = Readonly<Partial<Record<Concept, readonly string[]>>>;
