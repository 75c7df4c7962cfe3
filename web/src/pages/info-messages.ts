import { defineCatalog } from '../i18n/catalog.ts';

/** The under-18, crisis and privacy pages. */
export const infoMessages = defineCatalog({
  en: {
    youngTitle: 'Under 18: help made for you',
    youngLead:
      'If someone is threatening to share images of you, you have done nothing wrong, and you are not in trouble. Adults whose job is to help young people deal with this every day, quickly and without judging.',
    youngTrustedAdult:
      'If you can, tell an adult you trust: a parent, a relative, a teacher, a school nurse. You do not have to tell them everything at once.',
    youngServices: 'Services made for young people',
    crisisTitle: 'Talk to someone now',
    crisisLead:
      'Blackmail can make everything feel hopeless. It is not. These people answer day and night, for free, and they have heard this before. If you are in danger right now, call an emergency number.',
    crisisServices: 'Someone to talk to',
    privacyTitle: 'How Aman protects you',
    privacyLead: 'Aman is built so that the worst secret of your life stays yours.',
    privacyPoints: [
      'Your messages are analysed on this device. The text is not sent anywhere.',
      'To protect a video or photos, only their fingerprints (hashes) are sent. The images never leave this device, and nobody can rebuild them from a hash.',
      'No name, e-mail or phone number is asked for. Your case has a number and a PIN, shown once: keep them safe, nobody can recover them.',
      'Evidence you keep in the locker is encrypted on this device with a key made from your PIN before it is stored: Aman only ever holds scrambled data.',
      'No cookies, no advertising, no analytics, no outside services. Only your choice of language and country are remembered on this device.',
      'Quick exit (or Esc) leaves at once and replaces this page in your history.',
    ],
  },
  fr: {
    youngTitle: 'Moins de 18 ans : une aide faite pour vous',
    youngLead:
      'Si quelqu’un menace de diffuser des images de vous, vous n’avez rien fait de mal et vous n’aurez pas d’ennuis. Des adultes dont c’est le métier aident chaque jour des jeunes dans cette situation, vite et sans juger.',
    youngTrustedAdult:
      'Si vous le pouvez, parlez-en à un adulte de confiance : un parent, un proche, un professeur, l’infirmière scolaire. Vous n’êtes pas obligé·e de tout raconter d’un coup.',
    youngServices: 'Des services faits pour les jeunes',
    crisisTitle: 'Parler à quelqu’un maintenant',
    crisisLead:
      'Le chantage peut donner l’impression que tout est perdu. Ce n’est pas le cas. Ces personnes répondent jour et nuit, gratuitement, et elles connaissent cette situation. Si vous êtes en danger immédiat, appelez un numéro d’urgence.',
    crisisServices: 'Quelqu’un à qui parler',
    privacyTitle: 'Comment Aman vous protège',
    privacyLead: 'Aman est conçu pour que le pire secret de votre vie reste le vôtre.',
    privacyPoints: [
      'Vos messages sont analysés sur cet appareil. Le texte n’est envoyé nulle part.',
      'Pour protéger une vidéo ou des photos, seules leurs empreintes (hashes) sont envoyées. Les images ne quittent jamais cet appareil, et personne ne peut les reconstituer à partir d’une empreinte.',
      'Aucun nom, e-mail ni numéro de téléphone n’est demandé. Votre dossier a un numéro et un code PIN, affichés une seule fois : gardez-les bien, personne ne peut les retrouver.',
      'Les preuves de votre coffre sont chiffrées sur cet appareil avec une clé tirée de votre PIN avant d’être stockées : Aman ne détient que des données illisibles.',
      'Pas de cookies, pas de publicité, pas de mesure d’audience, aucun service extérieur. Seuls votre choix de langue et de pays sont mémorisés sur cet appareil.',
      'La sortie rapide (ou Échap) quitte le site immédiatement et remplace cette page dans votre historique.',
    ],
  },
  ar: {
    youngTitle: 'أقل من 18 سنة: مساعدة مخصصة لك',
    youngLead:
      'إذا هدّدك أحد بنشر صور لك، فأنت لم ترتكب أي خطأ ولن تقع في مشكلة. هناك راشدون مهمتهم مساعدة الشباب في هذا الموقف كل يوم، بسرعة ودون إصدار أحكام.',
    youngTrustedAdult:
      'إن استطعت، تحدّث إلى شخص راشد تثق به: أحد والديك، قريب، أستاذ، ممرضة المدرسة. لست مضطرًا لقول كل شيء دفعة واحدة.',
    youngServices: 'خدمات مخصصة للشباب',
    crisisTitle: 'تحدّث مع أحد الآن',
    crisisLead:
      'قد يجعلك الابتزاز تشعر أن كل شيء قد ضاع. هذا غير صحيح. هؤلاء يجيبون ليلًا ونهارًا، مجانًا، وقد سمعوا بمثل هذا من قبل. إذا كنت في خطر الآن، اتصل برقم الطوارئ.',
    crisisServices: 'من يمكنك التحدث إليه',
    privacyTitle: 'كيف يحميك أمان',
    privacyLead: 'صُمّم أمان لكي يبقى أسوأ سر في حياتك ملكك وحدك.',
    privacyPoints: [
      'تُحلَّل رسائلك على هذا الجهاز. لا يُرسل النص إلى أي مكان.',
      'لحماية فيديو أو صور، لا تُرسل سوى بصماتها الرقمية. الصور لا تغادر هذا الجهاز أبدًا، ولا يمكن لأحد إعادة بنائها من البصمة.',
      'لا نطلب اسمًا ولا بريدًا إلكترونيًا ولا رقم هاتف. لملفك رقم ورمز سري يُعرضان مرة واحدة فقط: احتفظ بهما جيدًا، لا يمكن لأحد استرجاعهما.',
      'الأدلة التي تحفظها في الخزانة تُشفَّر على هذا الجهاز بمفتاح مشتق من رمزك السري قبل تخزينها: لا يملك أمان سوى بيانات غير مقروءة.',
      'لا ملفات تعريف ارتباط، لا إعلانات، لا تتبّع، ولا خدمات خارجية. لا يُحفظ على هذا الجهاز سوى اختيارك للغة والبلد.',
      'زر الخروج السريع (أو مفتاح Esc) يغادر فورًا ويستبدل هذه الصفحة في سجل التصفح.',
    ],
  },
});
