/**
 * What a verdict means for the person who received the message: does a video probably exist, is
 * the person a minor, and what to do, in order. The advice is what Cybermalveillance.gouv.fr, the
 * UK National Crime Agency and NCMEC agree on (see docs: DOMAIN.md); the portal renders the keys.
 */
import type { AdviceKey, Cue, Family, Guidance, LocalizedText, Verdict } from './types.ts';

/** One piece of advice, in each locale, with the public source of any service it names. */
export interface AdviceText extends LocalizedText {
  readonly source?: string;
}

/**
 * The text of each advice key.
 *
 * @example
 * ADVICE['do-not-pay'].en; // 'Do not pay. Paying never ends it: demands continue.'
 */
export const ADVICE: Readonly<Record<AdviceKey, AdviceText>> = {
  'stop-replying': {
    en: 'Stop replying. Do not negotiate.',
    fr: 'Arrêtez de répondre. Ne négociez pas.',
    ar: 'توقف عن الرد. لا تتفاوض.',
  },
  'do-not-pay': {
    en: 'Do not pay. Paying never ends it: demands continue.',
    fr: 'Ne payez pas. Payer n’y met jamais fin : les demandes continuent.',
    ar: 'لا تدفع. الدفع لا ينهي الأمر أبداً: تستمر المطالب.',
  },
  'block-sender': {
    en: 'Block the sender on every app, after keeping the evidence.',
    fr: 'Bloquez l’expéditeur sur toutes les applications, après avoir gardé les preuves.',
    ar: 'احظر المرسل في كل التطبيقات، بعد الاحتفاظ بالأدلة.',
  },
  'lock-accounts': {
    en: 'Make your social accounts private and hide your friends list.',
    fr: 'Passez vos comptes sociaux en privé et masquez votre liste d’amis.',
    ar: 'اجعل حساباتك على مواقع التواصل خاصة وأخفِ قائمة أصدقائك.',
  },
  'keep-evidence': {
    en: 'Keep everything: screenshots of the messages, the profile link, usernames, phone numbers, payment references. Do not delete the conversation.',
    fr: 'Gardez tout : captures des messages, lien du profil, pseudonymes, numéros, références de paiement. Ne supprimez pas la conversation.',
    ar: 'احتفظ بكل شيء: لقطات الرسائل، رابط الحساب، أسماء المستخدمين، أرقام الهاتف، مراجع الدفع. لا تحذف المحادثة.',
  },
  'report-to-police': {
    en: 'Report it to the police. In France: 17Cyber (17cyber.gouv.fr) or THESEE; in Morocco: E-Blagh (e-blagh.ma).',
    fr: 'Signalez-le à la police. En France : 17Cyber (17cyber.gouv.fr) ou THESEE ; au Maroc : E-Blagh (e-blagh.ma).',
    ar: 'بلّغ الشرطة. في فرنسا: 17Cyber (17cyber.gouv.fr) أو THESEE؛ في المغرب: منصة E-Blagh (e-blagh.ma).',
    source:
      '17cyber.gouv.fr (Police nationale, Gendarmerie, Cybermalveillance, Dec 2024); e-blagh.ma (DGSN, 2024)',
  },
  'report-to-platform': {
    en: 'Report the account to the platform where it contacted you.',
    fr: 'Signalez le compte à la plateforme où il vous a contacté.',
    ar: 'أبلغ المنصة التي تواصل معك عبرها عن الحساب.',
  },
  'hash-your-media': {
    en: 'Protect the video or photos: Aman (or StopNCII.org) computes their fingerprint on your device so platforms can block copies; the images never leave your device.',
    fr: 'Protégez la vidéo ou les photos : Aman (ou StopNCII.org) calcule leur empreinte sur votre appareil pour que les plateformes bloquent les copies ; les images ne quittent jamais votre appareil.',
    ar: 'احمِ الفيديو أو الصور: يحسب أمان (أو StopNCII.org) بصمتها على جهازك لتتمكن المنصات من حجب النسخ؛ الصور لا تغادر جهازك أبداً.',
    source: 'stopncii.org',
  },
  'delete-and-ignore': {
    en: 'You can delete this e-mail and ignore it: it is sent to thousands of people and there is no video.',
    fr: 'Vous pouvez supprimer ce courriel et l’ignorer : il est envoyé à des milliers de personnes et il n’y a pas de vidéo.',
    ar: 'يمكنك حذف هذه الرسالة وتجاهلها: تُرسل إلى آلاف الأشخاص ولا يوجد أي فيديو.',
  },
  'change-password': {
    en: 'Change the quoted password wherever you still use it, and turn on two-step verification.',
    fr: 'Changez le mot de passe cité partout où vous l’utilisez encore, et activez la double authentification.',
    ar: 'غيّر كلمة المرور المذكورة حيثما ما زلت تستعملها، وفعّل التحقق بخطوتين.',
  },
  'talk-to-trusted-adult': {
    en: 'Talk to an adult you trust now. You are not in trouble.',
    fr: 'Parles-en maintenant à un adulte de confiance. Tu n’as rien fait de mal.',
    ar: 'تحدّث الآن مع شخص بالغ تثق به. أنت لست في ورطة.',
  },
  'minor-helpline': {
    en: 'In France, call 3018: free, anonymous, for young people.',
    fr: 'En France, appelle le 3018 : gratuit, anonyme, pour les jeunes.',
    ar: 'في فرنسا، اتصل بالرقم 3018: مجاني وسري، للشباب.',
    source: 'e-enfance.org',
  },
  'take-it-down': {
    en: 'NCMEC Take It Down (takeitdown.ncmec.org) helps remove images taken before 18.',
    fr: 'Take It Down du NCMEC (takeitdown.ncmec.org) aide à retirer les images prises avant 18 ans.',
    ar: 'تساعد خدمة Take It Down من NCMEC (takeitdown.ncmec.org) على إزالة الصور الملتقطة قبل سن 18.',
    source: 'takeitdown.ncmec.org',
  },
  'not-your-fault': {
    en: 'It is not your fault. The blackmailer is the one committing a crime, and help is free.',
    fr: 'Ce n’est pas votre faute. C’est le maître chanteur qui commet un délit, et l’aide est gratuite.',
    ar: 'هذا ليس خطأك. المبتز هو من يرتكب الجريمة، والمساعدة مجانية.',
  },
};

const SUMMARIES: Readonly<Record<Family | 'none', LocalizedText>> = {
  'webcam-blackmail': {
    en: 'This looks like webcam blackmail: a recording of you probably exists. Do not pay, stop replying, keep the evidence and report it. Publication is rare in practice, and help is free.',
    fr: 'Cela ressemble à un chantage à la webcam : un enregistrement de vous existe probablement. Ne payez pas, cessez de répondre, gardez les preuves et signalez-le. La diffusion est rare en pratique, et l’aide est gratuite.',
    ar: 'يبدو هذا ابتزازاً بالكاميرا: من المحتمل وجود تسجيل لك. لا تدفع، توقف عن الرد، احتفظ بالأدلة وبلّغ. النشر نادر في الواقع، والمساعدة مجانية.',
  },
  'mass-email-bluff': {
    en: 'This is the mass-mailed bluff: the same message goes to thousands of people and there is no video. Do not pay.',
    fr: 'C’est le bluff envoyé en masse : le même message part à des milliers de personnes et il n’y a pas de vidéo. Ne payez pas.',
    ar: 'هذه خدعة مرسلة بشكل جماعي: الرسالة نفسها تصل إلى آلاف الأشخاص ولا يوجد أي فيديو. لا تدفع.',
  },
  'minor-targeted': {
    en: 'This looks like sextortion of a young person. Talk to a trusted adult now; do not pay; services for minors can have the images removed.',
    fr: 'Cela ressemble à une sextorsion visant un jeune. Parles-en tout de suite à un adulte de confiance ; ne paie pas ; des services pour les mineurs peuvent faire retirer les images.',
    ar: 'يبدو هذا ابتزازاً جنسياً يستهدف قاصراً. تحدث فوراً مع شخص بالغ تثق به؛ لا تدفع؛ توجد خدمات للقاصرين يمكنها إزالة الصور.',
  },
  'other-extortion': {
    en: 'This looks like extortion without intimate material (a fake hitman, a fake fine, a secret). It is a scam: do not pay, keep the evidence and report it.',
    fr: 'Cela ressemble à une extorsion sans image intime (faux tueur à gages, fausse amende, secret). C’est une arnaque : ne payez pas, gardez les preuves et signalez-la.',
    ar: 'يبدو هذا ابتزازاً دون مواد حميمة (قاتل مأجور مزيف، غرامة مزيفة، سر). إنه احتيال: لا تدفع، احتفظ بالأدلة وبلّغ.',
  },
  lure: {
    en: 'These are the signs of the approach used before webcam blackmail: a stranger moving the chat to a video app. Do not undress on camera; a stranger may be recording.',
    fr: 'Ce sont les signes de l’approche qui précède un chantage à la webcam : un inconnu qui déplace la discussion vers une application vidéo. Ne vous déshabillez pas devant la caméra : un inconnu peut enregistrer.',
    ar: 'هذه علامات الاستدراج الذي يسبق الابتزاز بالكاميرا: شخص غريب ينقل المحادثة إلى تطبيق فيديو. لا تخلع ملابسك أمام الكاميرا؛ قد يكون الغريب يسجّل.',
  },
  none: {
    en: 'No sign of sextortion was found in this text. If someone is threatening you, paste their exact messages.',
    fr: 'Aucun signe de sextorsion n’a été trouvé dans ce texte. Si quelqu’un vous menace, collez ses messages tels quels.',
    ar: 'لم يُعثر على أي علامة ابتزاز جنسي في هذا النص. إذا كان أحد يهددك، الصق رسائله كما هي.',
  },
};

const PLANS: Readonly<Record<Family, readonly AdviceKey[]>> = {
  'webcam-blackmail': [
    'stop-replying',
    'do-not-pay',
    'keep-evidence',
    'block-sender',
    'lock-accounts',
    'hash-your-media',
    'report-to-police',
    'report-to-platform',
    'not-your-fault',
  ],
  'mass-email-bluff': [
    'do-not-pay',
    'delete-and-ignore',
    'keep-evidence',
    'report-to-police',
    'not-your-fault',
  ],
  'minor-targeted': [
    'talk-to-trusted-adult',
    'do-not-pay',
    'stop-replying',
    'keep-evidence',
    'minor-helpline',
    'take-it-down',
    'block-sender',
    'report-to-platform',
    'not-your-fault',
  ],
  'other-extortion': [
    'do-not-pay',
    'stop-replying',
    'keep-evidence',
    'report-to-police',
    'block-sender',
  ],
  lure: ['stop-replying', 'block-sender', 'lock-accounts', 'report-to-platform'],
};

/**
 * The guidance for a verdict and family.
 *
 * @example
 * guidanceFor('sextortion', 'mass-email-bluff', new Set()).videoLikelyExists; // false
 */
export function guidanceFor(
  verdict: Verdict,
  family: Family | null,
  cues: ReadonlySet<Cue>,
): Guidance {
  if (verdict === 'not-detected' || family === null) {
    return { videoLikelyExists: null, minorLikely: false, advice: [], summary: SUMMARIES.none };
  }
  const minorLikely = family === 'minor-targeted';
  let advice = [...PLANS[family]];
  if (cues.has('password-quoted') && !advice.includes('change-password')) {
    advice.splice(1, 0, 'change-password');
  }
  if (!minorLikely && cues.has('minor-target')) {
    advice = ['talk-to-trusted-adult', ...advice, 'minor-helpline', 'take-it-down'];
  }
  const videoLikelyExists =
    family === 'webcam-blackmail' || family === 'minor-targeted'
      ? true
      : family === 'mass-email-bluff'
        ? false
        : null;
  return { videoLikelyExists, minorLikely, advice, summary: SUMMARIES[family] };
}
