import { defineCatalog } from '../../i18n/catalog.ts';

export type VerdictKey =
  | 'webcam-blackmail'
  | 'mass-email-bluff'
  | 'minor-targeted'
  | 'other-extortion'
  | 'lure'
  | 'suspicious'
  | 'not-detected';

export type IndicatorLabel =
  | 'bitcoin'
  | 'ethereum'
  | 'tron'
  | 'litecoin'
  | 'monero'
  | 'iban'
  | 'phone'
  | 'email'
  | 'url'
  | 'handle'
  | 'mtcn'
  | 'moneygram'
  | 'transfer'
  | 'amount'
  | 'deadline'
  | 'receiver';

interface Verdict {
  title: string;
  /** What it means for this person, in particular whether a video probably exists. */
  meaning: string;
}

export const triageMessages = defineCatalog<{
  title: string;
  lead: string;
  onDevice: string;
  textLabel: string;
  textHint: string;
  fileLabel: string;
  fileButton: string;
  fileHint: string;
  fileErrors: Record<'too-large' | 'unsupported' | 'unreadable', string>;
  fileLoaded: (name: string) => string;
  analyse: string;
  analysing: string;
  empty: string;
  failed: string;
  resultTitle: string;
  verdicts: Record<VerdictKey, Verdict>;
  videoLikely: string;
  videoUnlikely: string;
  confidence: (percent: string) => string;
  reasonsTitle: string;
  indicatorsTitle: string;
  indicatorsIntro: string;
  indicatorType: string;
  indicatorValue: string;
  indicatorCheck: string;
  valid: string;
  invalid: string;
  notChecked: string;
  indicatorLabels: Record<IndicatorLabel, string>;
  noIndicators: string;
  keepInLocker: string;
  keptInLocker: string;
  openLocker: string;
  reportTitle: string;
  minorsTitle: string;
  minorsText: string;
  minorsLink: string;
  protectTitle: string;
  protectText: string;
  protectLink: string;
  startAgain: string;
}>({
  en: {
    title: 'Someone is blackmailing me',
    lead: 'Paste what they wrote, or open a chat you exported. In a moment you will see what this is and what to do.',
    onDevice:
      'The analysis runs on this device. Your text is not sent anywhere and is forgotten when you close this page.',
    textLabel: 'Their messages',
    textHint:
      'Copy and paste the conversation, the e-mail or the SMS. Several messages at once are fine.',
    fileLabel: 'Or open an exported chat',
    fileButton: 'Open a file',
    fileHint:
      'WhatsApp “Export chat” (.txt, without media), Telegram (result.json), or a text file.',
    fileErrors: {
      'too-large': 'This file is too large to be a chat export. Try exporting without media.',
      unsupported: 'This kind of file cannot be read here. Use a .txt or Telegram’s result.json.',
      unreadable: 'This file could not be read. Try copying the text and pasting it instead.',
    },
    fileLoaded: (name) => `Loaded “${name}”. You can check or edit the text below.`,
    analyse: 'Analyse on this device',
    analysing: 'Analysing…',
    empty: 'Paste some text or open a file first.',
    failed: 'The analysis could not run. Reload the page and try again.',
    resultTitle: 'What this looks like',
    verdicts: {
      'webcam-blackmail': {
        title: 'This looks like webcam blackmail.',
        meaning:
          'A recording of the video call probably exists. That is frightening, but what they want is money, and they almost never publish: the steps below protect you, and you can ask platforms to block the video without sending it to anyone.',
      },
      'mass-email-bluff': {
        title: 'This looks like a mass e-mail bluff.',
        meaning:
          'The same message is sent to huge numbers of people at once. There is almost certainly no video: they have nothing. Do not pay and do not reply.',
      },
      'minor-targeted': {
        title: 'This looks like blackmail aimed at young people.',
        meaning:
          'They probably have images you sent them. You have done nothing wrong. There are services made for exactly this, and they can have images removed.',
      },
      'other-extortion': {
        title: 'This looks like another kind of extortion.',
        meaning:
          'It is a threat to get money from you, without a sexual video. The same advice applies: do not pay, keep the evidence, report it.',
      },
      lure: {
        title: 'This looks like the start of a scam.',
        meaning:
          'These messages match how blackmailers first approach people. Do not accept a video call, do not share your friends list, and stop the conversation.',
      },
      suspicious: {
        title: 'Some signs of blackmail.',
        meaning:
          'Parts of this text match how blackmailers write, but not clearly enough to be sure. If you feel threatened, follow the steps below.',
      },
      'not-detected': {
        title: 'We did not recognise blackmail in this text.',
        meaning:
          'That does not mean you are wrong to worry. If someone is threatening you, the steps below still apply, and the services can help.',
      },
    },
    videoLikely: 'A video or images probably exist.',
    videoUnlikely: 'There is probably no video.',
    confidence: (percent) => `How sure: ${percent}`,
    reasonsTitle: 'What in the text shows it',
    indicatorsTitle: 'Their identifiers',
    indicatorsIntro:
      'Keep these: the police and the platforms use them to find the blackmailers, and to link other victims of the same people.',
    indicatorType: 'What',
    indicatorValue: 'As written',
    indicatorCheck: 'Check',
    valid: 'Valid',
    invalid: 'Fails its checksum: probably not real',
    notChecked: '—',
    indicatorLabels: {
      bitcoin: 'Bitcoin address',
      ethereum: 'Ethereum address',
      tron: 'Tron / USDT address',
      litecoin: 'Litecoin address',
      monero: 'Monero address',
      iban: 'Bank account (IBAN)',
      phone: 'Phone number',
      email: 'E-mail address',
      url: 'Link',
      handle: 'Account or profile',
      mtcn: 'Western Union reference (MTCN)',
      moneygram: 'MoneyGram reference',
      transfer: 'Money transfer reference',
      amount: 'Amount demanded',
      deadline: 'Deadline',
      receiver: 'Money transfer receiver (name and city)',
    },
    noIndicators: 'No identifier (phone, account, wallet, transfer reference) was found.',
    keepInLocker: 'Keep this message in my evidence locker',
    keptInLocker: 'Kept. It will be in your evidence pack.',
    openLocker: 'Open my evidence locker',
    reportTitle: 'Where to report and get help',
    minorsTitle: 'Under 18?',
    minorsText: 'There are services made for you, free and without judgement.',
    minorsLink: 'See the services for young people',
    protectTitle: 'Protect the video',
    protectText:
      'Participating platforms can block copies of your video or photos. Only fingerprints leave this device.',
    protectLink: 'Protect my video or photos',
    startAgain: 'Analyse another message',
  },
  fr: {
    title: 'Quelqu’un me fait chanter',
    lead: 'Collez ce qu’il vous a écrit, ou ouvrez une conversation exportée. Dans un instant, vous verrez de quoi il s’agit et quoi faire.',
    onDevice:
      'L’analyse se fait sur cet appareil. Votre texte n’est envoyé nulle part et il est oublié quand vous fermez cette page.',
    textLabel: 'Ses messages',
    textHint:
      'Copiez-collez la conversation, le courriel ou le SMS. Plusieurs messages à la fois, c’est possible.',
    fileLabel: 'Ou ouvrez une conversation exportée',
    fileButton: 'Ouvrir un fichier',
    fileHint:
      'WhatsApp « Exporter la discussion » (.txt, sans médias), Telegram (result.json), ou un fichier texte.',
    fileErrors: {
      'too-large':
        'Ce fichier est trop gros pour une conversation exportée. Essayez d’exporter sans les médias.',
      unsupported:
        'Ce type de fichier ne peut pas être lu ici. Utilisez un .txt ou le result.json de Telegram.',
      unreadable: 'Ce fichier n’a pas pu être lu. Essayez plutôt de copier-coller le texte.',
    },
    fileLoaded: (name) =>
      `« ${name} » est chargé. Vous pouvez vérifier ou modifier le texte ci-dessous.`,
    analyse: 'Analyser sur cet appareil',
    analysing: 'Analyse en cours…',
    empty: 'Collez d’abord du texte ou ouvrez un fichier.',
    failed: 'L’analyse n’a pas pu se faire. Rechargez la page et réessayez.',
    resultTitle: 'Ce que cela semble être',
    verdicts: {
      'webcam-blackmail': {
        title: 'Cela ressemble à un chantage à la webcam.',
        meaning:
          'Un enregistrement de l’appel vidéo existe probablement. C’est effrayant, mais ce qu’ils veulent, c’est de l’argent, et ils ne publient presque jamais : les étapes ci-dessous vous protègent, et vous pouvez demander aux plateformes de bloquer la vidéo sans l’envoyer à personne.',
      },
      'mass-email-bluff': {
        title: 'Cela ressemble à un courriel de chantage envoyé en masse.',
        meaning:
          'Le même message est envoyé à un très grand nombre de personnes. Il n’y a très certainement aucune vidéo : ils n’ont rien. Ne payez pas et ne répondez pas.',
      },
      'minor-targeted': {
        title: 'Cela ressemble à un chantage visant les jeunes.',
        meaning:
          'Ils ont sans doute des images que vous leur avez envoyées. Vous n’avez rien fait de mal. Des services existent exactement pour cela, et ils peuvent faire retirer les images.',
      },
      'other-extortion': {
        title: 'Cela ressemble à une autre forme d’extorsion.',
        meaning:
          'C’est une menace pour vous soutirer de l’argent, sans vidéo intime. Les mêmes conseils valent : ne payez pas, gardez les preuves, signalez.',
      },
      lure: {
        title: 'Cela ressemble au début d’une arnaque.',
        meaning:
          'Ces messages correspondent à la façon dont les maîtres chanteurs abordent leurs cibles. N’acceptez pas d’appel vidéo, ne partagez pas votre liste d’amis, et arrêtez la conversation.',
      },
      suspicious: {
        title: 'Quelques signes de chantage.',
        meaning:
          'Des passages ressemblent à la façon d’écrire des maîtres chanteurs, mais pas assez nettement pour en être sûr. Si vous vous sentez menacé·e, suivez les étapes ci-dessous.',
      },
      'not-detected': {
        title: 'Nous n’avons pas reconnu de chantage dans ce texte.',
        meaning:
          'Cela ne veut pas dire que vous avez tort de vous inquiéter. Si quelqu’un vous menace, les étapes ci-dessous s’appliquent, et les services peuvent vous aider.',
      },
    },
    videoLikely: 'Une vidéo ou des images existent probablement.',
    videoUnlikely: 'Il n’y a probablement aucune vidéo.',
    confidence: (percent) => `Degré de certitude : ${percent}`,
    reasonsTitle: 'Ce qui, dans le texte, le montre',
    indicatorsTitle: 'Leurs identifiants',
    indicatorsIntro:
      'Gardez-les : la police et les plateformes s’en servent pour retrouver les maîtres chanteurs et relier les autres victimes des mêmes personnes.',
    indicatorType: 'Quoi',
    indicatorValue: 'Tel qu’écrit',
    indicatorCheck: 'Vérification',
    valid: 'Valide',
    invalid: 'Somme de contrôle fausse : probablement pas réel',
    notChecked: '—',
    indicatorLabels: {
      bitcoin: 'Adresse Bitcoin',
      ethereum: 'Adresse Ethereum',
      tron: 'Adresse Tron / USDT',
      litecoin: 'Adresse Litecoin',
      monero: 'Adresse Monero',
      iban: 'Compte bancaire (IBAN)',
      phone: 'Numéro de téléphone',
      email: 'Adresse e-mail',
      url: 'Lien',
      handle: 'Compte ou profil',
      mtcn: 'Référence Western Union (MTCN)',
      moneygram: 'Référence MoneyGram',
      transfer: 'Référence de transfert d’argent',
      amount: 'Montant demandé',
      deadline: 'Délai',
      receiver: 'Bénéficiaire du transfert (nom et ville)',
    },
    noIndicators:
      'Aucun identifiant (téléphone, compte, portefeuille, référence de transfert) n’a été trouvé.',
    keepInLocker: 'Garder ce message dans mon coffre à preuves',
    keptInLocker: 'Gardé. Il figurera dans votre dossier de preuves.',
    openLocker: 'Ouvrir mon coffre à preuves',
    reportTitle: 'Où signaler et trouver de l’aide',
    minorsTitle: 'Moins de 18 ans ?',
    minorsText: 'Des services sont faits pour vous, gratuits et sans jugement.',
    minorsLink: 'Voir les services pour les jeunes',
    protectTitle: 'Protéger la vidéo',
    protectText:
      'Les plateformes participantes peuvent bloquer les copies de votre vidéo ou de vos photos. Seules des empreintes quittent cet appareil.',
    protectLink: 'Protéger ma vidéo ou mes photos',
    startAgain: 'Analyser un autre message',
  },
  ar: {
    title: 'شخص ما يبتزني',
    lead: 'الصق ما كتبه لك، أو افتح محادثة قمت بتصديرها. بعد لحظة سترى ما الذي يحدث وما يجب فعله.',
    onDevice: 'يجري التحليل على هذا الجهاز. لا يُرسل نصك إلى أي مكان ويُنسى عند إغلاق هذه الصفحة.',
    textLabel: 'رسائله',
    textHint:
      'انسخ والصق المحادثة أو البريد الإلكتروني أو الرسالة القصيرة. يمكن لصق عدة رسائل معًا.',
    fileLabel: 'أو افتح محادثة مُصدَّرة',
    fileButton: 'افتح ملفًا',
    fileHint: 'واتساب «تصدير الدردشة» (‎.txt، بدون وسائط)، تيليغرام (result.json)، أو ملف نصي.',
    fileErrors: {
      'too-large': 'هذا الملف أكبر من أن يكون محادثة مُصدَّرة. جرّب التصدير بدون وسائط.',
      unsupported:
        'لا يمكن قراءة هذا النوع من الملفات هنا. استعمل ملف ‎.txt أو result.json من تيليغرام.',
      unreadable: 'تعذّرت قراءة هذا الملف. جرّب نسخ النص ولصقه بدلًا من ذلك.',
    },
    fileLoaded: (name) => `تم تحميل «${name}». يمكنك مراجعة النص أو تعديله أدناه.`,
    analyse: 'حلّل على هذا الجهاز',
    analysing: 'جارٍ التحليل…',
    empty: 'الصق نصًا أو افتح ملفًا أولًا.',
    failed: 'تعذّر إجراء التحليل. أعد تحميل الصفحة وحاول مرة أخرى.',
    resultTitle: 'ما الذي يبدو عليه الأمر',
    verdicts: {
      'webcam-blackmail': {
        title: 'يبدو هذا ابتزازًا عبر كاميرا الويب.',
        meaning:
          'من المرجح وجود تسجيل لمكالمة الفيديو. هذا مخيف، لكن ما يريدونه هو المال، ونادرًا جدًا ما ينشرون شيئًا: الخطوات أدناه تحميك، ويمكنك أن تطلب من المنصات حجب الفيديو دون إرساله لأي أحد.',
      },
      'mass-email-bluff': {
        title: 'يبدو هذا رسالة ابتزاز جماعية بالبريد الإلكتروني.',
        meaning:
          'تُرسل الرسالة نفسها إلى أعداد هائلة من الناس في وقت واحد. على الأرجح لا يوجد أي فيديو: لا يملكون شيئًا. لا تدفع ولا ترد.',
      },
      'minor-targeted': {
        title: 'يبدو هذا ابتزازًا يستهدف الشباب.',
        meaning:
          'على الأرجح لديهم صور أرسلتها لهم. أنت لم ترتكب أي خطأ. هناك خدمات مخصصة لهذا بالضبط، ويمكنها العمل على حذف الصور.',
      },
      'other-extortion': {
        title: 'يبدو هذا نوعًا آخر من الابتزاز.',
        meaning:
          'إنه تهديد للحصول على المال منك، دون فيديو حميم. النصائح نفسها تنطبق: لا تدفع، احتفظ بالأدلة، وبلّغ.',
      },
      lure: {
        title: 'يبدو هذا بداية عملية احتيال.',
        meaning:
          'تطابق هذه الرسائل الطريقة التي يتقرّب بها المبتزون من ضحاياهم. لا تقبل مكالمة فيديو، لا تشارك قائمة أصدقائك، وأوقف المحادثة.',
      },
      suspicious: {
        title: 'بعض علامات الابتزاز.',
        meaning:
          'بعض أجزاء النص تشبه أسلوب المبتزين، لكن ليس بوضوح كافٍ للتأكد. إذا شعرت بالتهديد، اتبع الخطوات أدناه.',
      },
      'not-detected': {
        title: 'لم نتعرّف على ابتزاز في هذا النص.',
        meaning:
          'هذا لا يعني أن قلقك في غير محله. إذا كان أحد يهددك، فالخطوات أدناه تنطبق، ويمكن للخدمات مساعدتك.',
      },
    },
    videoLikely: 'من المرجح وجود فيديو أو صور.',
    videoUnlikely: 'على الأرجح لا يوجد أي فيديو.',
    confidence: (percent) => `درجة التأكد: ${percent}`,
    reasonsTitle: 'ما الذي يدل على ذلك في النص',
    indicatorsTitle: 'معرّفاتهم',
    indicatorsIntro:
      'احتفظ بها: تستعملها الشرطة والمنصات للوصول إلى المبتزين وربط ضحايا آخرين للأشخاص أنفسهم.',
    indicatorType: 'النوع',
    indicatorValue: 'كما كُتب',
    indicatorCheck: 'التحقق',
    valid: 'صالح',
    invalid: 'رمز التحقق خاطئ: على الأرجح غير حقيقي',
    notChecked: '—',
    indicatorLabels: {
      bitcoin: 'عنوان بيتكوين',
      ethereum: 'عنوان إيثريوم',
      tron: 'عنوان ترون / USDT',
      litecoin: 'عنوان لايتكوين',
      monero: 'عنوان مونيرو',
      iban: 'حساب بنكي (IBAN)',
      phone: 'رقم هاتف',
      email: 'بريد إلكتروني',
      url: 'رابط',
      handle: 'حساب أو ملف شخصي',
      mtcn: 'مرجع ويسترن يونيون (MTCN)',
      moneygram: 'مرجع موني غرام',
      transfer: 'مرجع تحويل مالي',
      amount: 'المبلغ المطلوب',
      deadline: 'المهلة',
      receiver: 'المستفيد من التحويل (الاسم والمدينة)',
    },
    noIndicators: 'لم يُعثر على أي معرّف (هاتف، حساب، محفظة، مرجع تحويل).',
    keepInLocker: 'احتفظ بهذه الرسالة في خزانة الأدلة',
    keptInLocker: 'تم الحفظ. ستكون ضمن ملف الأدلة الخاص بك.',
    openLocker: 'افتح خزانة الأدلة',
    reportTitle: 'أين تبلّغ وتجد المساعدة',
    minorsTitle: 'أقل من 18 سنة؟',
    minorsText: 'هناك خدمات مخصصة لك، مجانية ودون أحكام.',
    minorsLink: 'اطّلع على الخدمات المخصصة للشباب',
    protectTitle: 'احمِ الفيديو',
    protectText:
      'يمكن للمنصات المشاركة حجب نسخ الفيديو أو الصور الخاصة بك. لا تغادر هذا الجهاز سوى البصمات.',
    protectLink: 'حماية الفيديو أو الصور الخاصة بي',
    startAgain: 'حلّل رسالة أخرى',
  },
});
