/**
 * What each cue means, in words a frightened person can read, in French, Arabic and English. The
 * portal shows the explanation next to the highlighted span; it can also render any cue by key.
 */
import type { Cue, LocalizedText } from './types.ts';

/**
 * Explanation of every cue, by locale.
 *
 * @example
 * CUE_EXPLANATIONS['recording-claim'].fr; // 'L'expéditeur affirme vous avoir enregistré…'
 */
export const CUE_EXPLANATIONS: Readonly<Record<Cue, LocalizedText>> = {
  'move-to-private-app': {
    en: 'The sender wants to move the conversation to another app (Skype, WhatsApp, Messenger…), the usual step before a recorded video call.',
    fr: "L'expéditeur veut déplacer la conversation vers une autre application (Skype, WhatsApp, Messenger…), l'étape habituelle avant un appel vidéo enregistré.",
    ar: 'يريد المرسل نقل المحادثة إلى تطبيق آخر (سكايب، واتساب، ماسنجر…)، وهي الخطوة المعتادة قبل مكالمة فيديو يتم تسجيلها.',
  },
  'video-call-request': {
    en: 'A video call, or turning your camera on, is asked for or mentioned: webcam blackmail starts with one.',
    fr: "Un appel vidéo, ou d'allumer votre caméra, est demandé ou évoqué : le chantage à la webcam commence ainsi.",
    ar: 'يُطلب أو يُذكر اتصال بالفيديو أو تشغيل الكاميرا: هكذا يبدأ الابتزاز بالكاميرا.',
  },
  'camera-excuse': {
    en: 'An excuse about a broken camera or microphone: blackmailers play a pre-recorded video and cannot talk.',
    fr: 'Une excuse de caméra ou de micro en panne : les maîtres chanteurs diffusent une vidéo préenregistrée et ne peuvent pas parler.',
    ar: 'عذر بأن الكاميرا أو الميكروفون معطل: المبتزون يعرضون فيديو مسجلاً مسبقاً ولا يستطيعون الكلام.',
  },
  'undress-request': {
    en: 'The sender asks you to undress or show your body on camera.',
    fr: "L'expéditeur vous demande de vous déshabiller ou de montrer votre corps à la caméra.",
    ar: 'يطلب منك المرسل خلع ملابسك أو إظهار جسمك أمام الكاميرا.',
  },
  'profile-check': {
    en: "The sender asks for your profile or number 'to check it is you': this is how they get your list of friends.",
    fr: "L'expéditeur demande votre profil ou votre numéro « pour vérifier que c'est vous » : c'est ainsi qu'il récupère la liste de vos amis.",
    ar: 'يطلب المرسل حسابك أو رقمك «للتأكد أنه أنت»: هكذا يحصل على قائمة أصدقائك.',
  },
  'recording-claim': {
    en: 'The sender claims to have recorded you or to hold a video or photos of you.',
    fr: "L'expéditeur affirme vous avoir enregistré ou détenir une vidéo ou des photos de vous.",
    ar: 'يدّعي المرسل أنه سجّلك أو أن لديه فيديو أو صوراً لك.',
  },
  'intimate-material': {
    en: 'The message refers to intimate or sexual images or video.',
    fr: 'Le message évoque des images ou une vidéo intimes ou sexuelles.',
    ar: 'تشير الرسالة إلى صور أو فيديو حميمي أو جنسي.',
  },
  'contacts-harvested': {
    en: 'The sender says they know your family, friends or contacts: blackmailers collect them from your profile.',
    fr: "L'expéditeur dit connaître votre famille, vos amis ou vos contacts : les maîtres chanteurs les récupèrent sur votre profil.",
    ar: 'يقول المرسل إنه يعرف عائلتك أو أصدقاءك أو جهات اتصالك: المبتزون يجمعونها من حسابك.',
  },
  'device-hacked-claim': {
    en: "The sender claims to have hacked your device or camera. This is the mass e-mail's usual bluff.",
    fr: "L'expéditeur prétend avoir piraté votre appareil ou votre caméra. C'est le bluff habituel des courriels envoyés en masse.",
    ar: 'يدّعي المرسل أنه اخترق جهازك أو الكاميرا. هذه هي الخدعة المعتادة في الرسائل المرسلة بشكل جماعي.',
  },
  'adult-site-claim': {
    en: 'The sender claims you watched adult websites. Mass e-mails say this to everyone.',
    fr: 'L’expéditeur prétend que vous avez consulté des sites pour adultes. Les courriels de masse le disent à tout le monde.',
    ar: 'يدّعي المرسل أنك شاهدت مواقع إباحية. الرسائل الجماعية تقول هذا للجميع.',
  },
  'password-quoted': {
    en: 'The message quotes a password: it usually comes from an old data leak, not from your device. Change it where you still use it.',
    fr: 'Le message cite un mot de passe : il vient en général d’une ancienne fuite de données, pas de votre appareil. Changez-le là où vous l’utilisez encore.',
    ar: 'تذكر الرسالة كلمة مرور: غالباً ما تأتي من تسريب بيانات قديم وليس من جهازك. غيّرها حيث ما زلت تستعملها.',
  },
  'threat-to-share': {
    en: 'A threat to send something to your family, friends, partner or employer.',
    fr: 'Une menace d’envoyer quelque chose à votre famille, vos amis, votre conjoint ou votre employeur.',
    ar: 'تهديد بإرسال شيء إلى عائلتك أو أصدقائك أو شريكك أو مكان عملك.',
  },
  'threat-to-publish': {
    en: 'A threat to publish something online (YouTube, social networks, adult sites).',
    fr: 'Une menace de publier quelque chose en ligne (YouTube, réseaux sociaux, sites pour adultes).',
    ar: 'تهديد بنشر شيء على الإنترنت (يوتيوب، مواقع التواصل، مواقع إباحية).',
  },
  'reputation-threat': {
    en: 'A threat to shame you or ruin your reputation or life.',
    fr: 'Une menace de vous humilier ou de ruiner votre réputation ou votre vie.',
    ar: 'تهديد بفضحك أو تدمير سمعتك أو حياتك.',
  },
  'payment-demand': {
    en: 'A demand for money. Paying does not stop the threats: blackmailers come back for more.',
    fr: 'Une demande d’argent. Payer n’arrête pas les menaces : les maîtres chanteurs en redemandent.',
    ar: 'طلب للمال. الدفع لا يوقف التهديدات: المبتزون يعودون لطلب المزيد.',
  },
  'crypto-payment': {
    en: 'Payment is asked in cryptocurrency, typical of mass e-mails. Do not pay: it does not stop anything.',
    fr: 'Le paiement est demandé en cryptomonnaie, typique des courriels de masse. Ne payez pas : cela n’arrête rien.',
    ar: 'يُطلب الدفع بالعملة الرقمية، وهذا معتاد في الرسائل الجماعية. لا تدفع: الدفع لا يوقف شيئاً.',
  },
  'money-transfer': {
    en: 'Payment is asked by money transfer or to a bank account (Western Union, MoneyGram, Wafacash, Cash Plus, an IBAN…), typical of webcam blackmail rings. Keep the receiver name and any reference for the police.',
    fr: 'Le paiement est demandé par transfert d’argent ou sur un compte (Western Union, MoneyGram, Wafacash, Cash Plus, un IBAN…), typique des réseaux de chantage à la webcam. Gardez le nom du bénéficiaire et toute référence pour la police.',
    ar: 'يُطلب الدفع عبر تحويل مالي أو إلى حساب بنكي (ويسترن يونيون، موني غرام، وفاكاش، كاش بلوس، رقم IBAN…)، وهذا معتاد لدى شبكات الابتزاز بالكاميرا. احتفظ باسم المستفيد وأي مرجع للشرطة.',
  },
  'gift-card-payment': {
    en: 'Payment is asked in gift or prepaid cards, a method used against young people.',
    fr: 'Le paiement est demandé en cartes cadeaux ou prépayées, un moyen utilisé contre les jeunes.',
    ar: 'يُطلب الدفع ببطاقات هدايا أو بطاقات مسبقة الدفع، وهي طريقة تُستعمل ضد الشباب.',
  },
  deadline: {
    en: 'A deadline to pressure you. Blackmailers set short deadlines so you do not take time to get help.',
    fr: 'Un délai pour vous mettre la pression. Les maîtres chanteurs fixent des délais courts pour que vous ne preniez pas le temps de demander de l’aide.',
    ar: 'مهلة للضغط عليك. يحدد المبتزون مهلاً قصيرة حتى لا تأخذ وقتك لطلب المساعدة.',
  },
  'no-police': {
    en: 'The sender tells you not to go to the police: because the police can help you.',
    fr: "L'expéditeur vous dit de ne pas aller voir la police : justement parce que la police peut vous aider.",
    ar: 'يطلب منك المرسل عدم اللجوء إلى الشرطة: لأن الشرطة تستطيع مساعدتك بالفعل.',
  },
  escalation: {
    en: 'A new or larger demand after a payment: paying does not end the blackmail.',
    fr: 'Une nouvelle demande, plus forte, après un paiement : payer ne met pas fin au chantage.',
    ar: 'طلب جديد أو أكبر بعد الدفع: الدفع لا ينهي الابتزاز.',
  },
  'fake-authority': {
    en: 'The sender poses as police, a court or an official and asks for a fine. Real police never ask for payment like this.',
    fr: "L'expéditeur se fait passer pour la police, un tribunal ou une administration et réclame une amende. La vraie police ne demande jamais de paiement ainsi.",
    ar: 'ينتحل المرسل صفة الشرطة أو المحكمة أو جهة رسمية ويطلب غرامة. الشرطة الحقيقية لا تطلب المال بهذه الطريقة أبداً.',
  },
  'minor-target': {
    en: 'The message suggests the person targeted is under 18 (school, age). Services for young people can help at once.',
    fr: 'Le message laisse penser que la personne visée a moins de 18 ans (école, âge). Des services pour les jeunes peuvent aider tout de suite.',
    ar: 'توحي الرسالة بأن الشخص المستهدف دون 18 سنة (المدرسة، السن). هناك خدمات للشباب يمكنها المساعدة فوراً.',
  },
  'other-extortion-threat': {
    en: 'An extortion threat of another kind (a "hitman", an affair, stolen data). These messages are scams too.',
    fr: 'Une menace d’extorsion d’un autre type (un « tueur à gages », une liaison, des données volées). Ces messages sont aussi des arnaques.',
    ar: 'تهديد بالابتزاز من نوع آخر («قاتل مأجور»، علاقة، بيانات مسروقة). هذه الرسائل أيضاً عمليات احتيال.',
  },
  'awareness-context': {
    en: 'This text reads like an awareness page or advice about the scam, quoting it rather than making a threat.',
    fr: 'Ce texte ressemble à une page de prévention ou à des conseils sur l’arnaque : il la cite au lieu de menacer.',
    ar: 'يبدو هذا النص صفحة توعية أو نصائح حول الاحتيال: يقتبس منه بدلاً من أن يهدد.',
  },
  'news-context': {
    en: 'This text reads like a news report about the scam, not a message from a blackmailer.',
    fr: 'Ce texte ressemble à un article de presse sur l’arnaque, pas à un message de maître chanteur.',
    ar: 'يبدو هذا النص خبراً صحفياً عن الاحتيال، وليس رسالة من مبتز.',
  },
  'joke-context': {
    en: 'This text reads like a joke between people who know each other.',
    fr: 'Ce texte ressemble à une plaisanterie entre personnes qui se connaissent.',
    ar: 'يبدو هذا النص مزاحاً بين أشخاص يعرفون بعضهم.',
  },
};
