/**
 * Message templates for synthetic reports, written for Aman and modelled on the public descriptions
 * of these scams (BBC Newsnight "The Skype sex scam", Cybermalveillance.gouv.fr, e-Enfance, Get Safe
 * Online, Talos on the 2018 bluff campaigns): the approach, the reveal and threat, the demand with
 * payment details, the second demand. No real message, person or identifier is reproduced.
 */

export type SyntheticLanguage = 'fr' | 'en' | 'ar' | 'ary' | 'ary-Latn';

export type Stage = 'lure' | 'threat' | 'demand' | 'escalation' | 'bluff' | 'sextortion-minor';

/** The pieces a template may use, already spelled the way this message spells them. */
export interface Slots {
  readonly phone?: string;
  readonly profile?: string;
  readonly skype?: string;
  readonly receiver?: {
    readonly name: string;
    readonly city: string;
    readonly service: string;
    /** The country as the message names it ("Maroc", "Côte d'Ivoire"). */
    readonly country: string;
  };
  readonly iban?: string;
  readonly wallet?: { readonly label: string; readonly address: string };
  readonly email?: string;
  readonly amount: string;
  readonly deadline: string;
}

type SlotName = 'phone' | 'profile' | 'skype' | 'receiver' | 'iban' | 'wallet' | 'email';

export interface Template {
  readonly language: SyntheticLanguage;
  readonly stage: Stage;
  /** Slots the template cannot do without. */
  readonly needs: readonly SlotName[];
  readonly write: (slots: Slots) => string;
}

const t = (
  language: SyntheticLanguage,
  stage: Stage,
  needs: readonly SlotName[],
  write: (slots: Slots) => string,
): Template => ({ language, stage, needs, write });

/** Receiver lines in the shapes victims see them ("Nom : …", "au nom de …", "Receiver name: …"). */
const receiverFr = (s: Slots): string => {
  const r = s.receiver!;
  const [last, ...first] = r.name.split(' ').reverse();
  return pickShape(r.name, [
    `${r.service} au nom de : ${r.name}, ville : ${r.city}`,
    `par ${r.service}. Nom : ${last!.toUpperCase()} Prénom : ${first.reverse().join(' ')} Ville : ${r.city} (${r.country})`,
    `${r.service}, bénéficiaire : ${r.name} à ${r.city}`,
  ]);
};
const receiverEn = (s: Slots): string => {
  const r = s.receiver!;
  return pickShape(r.name, [
    `${r.service}. Receiver name: ${r.name}, city: ${r.city}`,
    `${r.service} in the name of ${r.name}, ${r.city}`,
  ]);
};

/** A stable choice of shape per name, so that templates stay deterministic without a generator. */
function pickShape(seed: string, shapes: readonly string[]): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return shapes[hash % shapes.length]!;
}

export const TEMPLATES: readonly Template[] = [
  // French: the webcam blackmail as French-speaking victims describe it.
  t(
    'fr',
    'lure',
    ['profile'],
    (s) =>
      `Coucou ❤ c'est moi sur ${s.profile} , tu es vraiment mignon. Ici c'est pas pratique, on continue en vidéo ? Ajoute-moi sur Skype ou WhatsApp, ma caméra marche mais mon micro est cassé 😘`,
  ),
  t(
    'fr',
    'lure',
    ['skype'],
    (s) =>
      `Salut beau gosse, je m'ennuie ce soir... ajoute moi sur skype : ${s.skype} on fait un appel vidéo, montre ton visage d'abord`,
  ),
  t(
    'fr',
    'threat',
    ['phone'],
    (s) =>
      `Regarde bien la vidéo que je viens de t'envoyer. J'ai enregistré tout ce que tu as fait devant la caméra. J'ai la liste de tes amis Facebook et de ta famille. Si tu ne me réponds pas sur WhatsApp ${s.phone} dans ${s.deadline}, je l'envoie à tout le monde et je la mets sur YouTube.`,
  ),
  t(
    'fr',
    'threat',
    ['profile'],
    (s) =>
      `Tu as cru parler à une fille ? La vidéo est prête, je vais la publier et l'envoyer à tes contacts. Regarde mon profil ${s.profile} , j'ai déjà copié la liste de tes amis. Réponds vite.`,
  ),
  t(
    'fr',
    'demand',
    ['receiver'],
    (s) =>
      `Pour que je supprime la vidéo tu dois envoyer ${s.amount} ${receiverFr(s)}. Envoie-moi une photo du reçu avec le code MTCN. Tu as ${s.deadline}, sinon tout le monde verra la vidéo. Ne parle pas à la police.`,
  ),
  t(
    'fr',
    'demand',
    ['iban'],
    (s) =>
      `Fais un virement de ${s.amount} sur ce compte IBAN : ${s.iban} . Quand c'est fait je supprime tout, je te jure. Tu as ${s.deadline}.`,
  ),
  t(
    'fr',
    'demand',
    ['receiver', 'phone'],
    (s) =>
      `Dernier avertissement. ${s.amount} ${receiverFr(s)}. Envoie la référence du transfert sur WhatsApp ${s.phone} avant ${s.deadline} ou ta famille reçoit la vidéo.`,
  ),
  t(
    'fr',
    'escalation',
    ['receiver'],
    (s) =>
      `J'ai bien reçu l'argent mais mon chef veut plus. Encore ${s.amount} ${receiverFr(s)} et cette fois c'est fini, sinon la vidéo part sur les réseaux.`,
  ),
  t(
    'fr',
    'escalation',
    ['phone'],
    (s) =>
      `Ici la police de la cybercriminalité. Une plainte a été déposée contre vous pour diffusion d'images. Pour éviter les poursuites payez une amende de ${s.amount}. Contactez l'agent au ${s.phone} sous ${s.deadline}.`,
  ),

  // English.
  t(
    'en',
    'lure',
    ['profile'],
    (s) =>
      `Hi dear, I saw your profile and I like you. I am on ${s.profile} . Let's continue on video call, my mic is not working but you can see me 😘`,
  ),
  t(
    'en',
    'lure',
    ['skype'],
    (s) =>
      `hello handsome, add me on skype: ${s.skype} for a private video chat, I want to see you`,
  ),
  t(
    'en',
    'threat',
    ['phone'],
    (s) =>
      `I recorded everything you did on the video call. I have your friends list and your family on Facebook. Answer me on WhatsApp ${s.phone} within ${s.deadline} or I send the video to all of them and upload it to YouTube.`,
  ),
  t(
    'en',
    'demand',
    ['receiver'],
    (s) =>
      `If you want me to delete the video send ${s.amount} by ${receiverEn(s)}. Send me the MTCN after. You have ${s.deadline}. Don't go to the police, I will know.`,
  ),
  t(
    'en',
    'demand',
    ['wallet'],
    (s) =>
      `Pay ${s.amount} in ${s.wallet!.label} to this address: ${s.wallet!.address} . You have ${s.deadline}. After payment the video is deleted forever.`,
  ),
  t(
    'en',
    'escalation',
    ['receiver'],
    (s) =>
      `Money received but my boss says it's not enough. Send another ${s.amount} by ${receiverEn(s)} today or the video goes online.`,
  ),

  // Modern Standard Arabic.
  t(
    'ar',
    'threat',
    ['phone'],
    (s) =>
      `لقد سجلت كل ما فعلته أمام الكاميرا. لدي قائمة أصدقائك وعائلتك على فيسبوك. إذا لم ترد علي عبر واتساب ${s.phone} خلال ${s.deadline} سأرسل الفيديو للجميع وأنشره على يوتيوب.`,
  ),
  t(
    'ar',
    'demand',
    ['receiver'],
    (s) =>
      `لكي أحذف الفيديو أرسل ${s.amount} عبر ${s.receiver!.service}. الاسم: ${s.receiver!.name} المدينة: ${s.receiver!.city}. أرسل لي رمز التحويل. لديك ${s.deadline} فقط ولا تتصل بالشرطة.`,
  ),
  t(
    'ar',
    'demand',
    ['iban'],
    (s) => `حول ${s.amount} إلى هذا الحساب ${s.iban} وسأحذف كل شيء. لديك ${s.deadline}.`,
  ),

  // Darija in Arabic script.
  t(
    'ary',
    'threat',
    ['phone'],
    (s) =>
      `شوف الفيديو لي صيفطت ليك. عندي كلشي مسجل وعندي صحابك وعائلتك ففيسبوك. ايلا ما جاوبتينيش فالواتساب ${s.phone} غادي نصيفطو لكولشي.`,
  ),
  t(
    'ary',
    'demand',
    ['receiver'],
    (s) =>
      `ايلا بغيتي نمسح الفيديو صيفط ${s.amount} ف ${s.receiver!.service}. سمية: ${s.receiver!.name} المدينة: ${s.receiver!.city}. صيفط ليا الكود ديال التحويل. عندك ${s.deadline}.`,
  ),
  t(
    'ary',
    'escalation',
    ['phone'],
    (s) =>
      `وصلوني الفلوس ولكن الشاف ديالي بغا كثر. زيد ${s.amount} ولا الفيديو غادي يطلع فاليوتيوب. تواصل معايا ف ${s.phone}.`,
  ),

  // Darija in Latin letters (Arabizi).
  t(
    'ary-Latn',
    'threat',
    ['phone'],
    (s) =>
      `chouf lvideo li sifttlek, 3ndi kolchi msjjel w 3ndi s7abk w l3a2ila dyalk f facebook. ila ma jawbtinich f whatsapp ${s.phone} ghadi nsiftha l kolchi.`,
  ),
  t(
    'ary-Latn',
    'demand',
    ['receiver'],
    (s) =>
      `ila bghiti nmse7 lvideo sift ${s.amount} b ${s.receiver!.service}, smiya: ${s.receiver!.name} f ${s.receiver!.city}. sift lia lcode dyal transfert. 3ndek ${s.deadline}.`,
  ),
  t(
    'ary-Latn',
    'lure',
    ['profile'],
    (s) =>
      `salam a zine, ana hna ${s.profile} , ajini n3ayto video f skype wla whatsapp, lmicro dyali khasser walakin camera khdama`,
  ),

  // The mass-mailed bluff (no video exists).
  t(
    'en',
    'bluff',
    ['wallet'],
    (s) =>
      `Hello pervert, I hacked your device months ago and I recorded you through your webcam while you were watching adult sites. I have all your contacts. Send ${s.amount} in ${s.wallet!.label} to my wallet: ${s.wallet!.address} within ${s.deadline}. If I get the payment I delete the video. Do not reply to this email.`,
  ),
  t(
    'fr',
    'bluff',
    ['wallet'],
    (s) =>
      `Bonjour, j'ai piraté votre ordinateur et j'ai filmé avec votre webcam pendant que vous regardiez des sites pour adultes. J'ai tous vos contacts. Envoyez ${s.amount} en ${s.wallet!.label} à cette adresse : ${s.wallet!.address} sous ${s.deadline}, sinon la vidéo sera envoyée à tous vos contacts.`,
  ),

  // Financial sextortion of minors.
  t(
    'en',
    'sextortion-minor',
    ['profile'],
    (s) =>
      `I have your pics. If you don't pay ${s.amount} in the next ${s.deadline} I post them and send them to your school and your parents. Check my page ${s.profile} , I already screenshotted your followers.`,
  ),
  t(
    'en',
    'sextortion-minor',
    ['wallet'],
    (s) =>
      `Last chance. Send ${s.amount} in ${s.wallet!.label} to ${s.wallet!.address} or everyone at your school sees the pics tonight.`,
  ),
];

/** An identifier as triage reports it (`type`, `normalized`, `service`), for the ground truth. */
export interface TruthIndicator {
  readonly type: string;
  readonly normalized: string;
  readonly service?: string;
}

/** Quotes of awareness pages that victims paste along with the threat: safelisted identifiers. */
export const AWARENESS_QUOTES: Readonly<
  Record<
    'fr' | 'en',
    ReadonlyArray<{ readonly text: string; readonly identifiers: readonly TruthIndicator[] }>
  >
> = {
  fr: [
    {
      text: `(j'ai lu sur un site d'aide : ne payez pas, appelez Net Écoute au 0800 200 000)`,
      identifiers: [{ type: 'phone', normalized: '+33800200000' }],
    },
    {
      text: `Sur internet ils disent que c'est une arnaque connue, avec un exemple d'adresse bitcoin 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, est-ce pareil ?`,
      identifiers: [{ type: 'bitcoin', normalized: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' }],
    },
    {
      text: `Un site dit d'écrire à contact@example.com pour signaler.`,
      identifiers: [{ type: 'email', normalized: 'contact@example.com' }],
    },
  ],
  en: [
    {
      text: `(a help page said don't pay and call the CyberTipline at +1 800 843 5678)`,
      identifiers: [{ type: 'phone', normalized: '+18008435678' }],
    },
    {
      text: `The awareness page showed an example wallet like bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 and said never to pay.`,
      identifiers: [{ type: 'bitcoin', normalized: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }],
    },
    {
      text: `It said to report at report@example.org.`,
      identifiers: [{ type: 'email', normalized: 'report@example.org' }],
    },
  ],
};
