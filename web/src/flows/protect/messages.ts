import { defineCatalog } from '../../i18n/catalog.ts';

export const protectMessages = defineCatalog({
  en: {
    title: 'Protect my video or photos',
    lead: 'Platforms that work with Aman can recognise copies of your video or photos and block them, from their fingerprints alone.',
    how: 'A fingerprint (hash) is a short code computed from the picture. It cannot be turned back into the picture, and it is computed here, on your device.',
    which:
      'Choose the video of the call if you have it, or photos taken from it. The same video sent by the blackmailer works too.',
    review: 'Check what will be sent',
    reviewTitle: 'This is everything that will be sent',
    reviewIntro: (hashes: number, files: number) =>
      `${hashes} ${hashes === 1 ? 'fingerprint' : 'fingerprints'} for ${files} ${files === 1 ? 'file' : 'files'}. No image, no video, no name, no e-mail, no phone number.`,
    reviewExact: 'The exact data, as it will be sent:',
    send: 'Send the fingerprints and open my case',
    sending: 'Sending…',
    nothingToSend: 'No fingerprint can be sent yet.',
    edit: 'Change the files',
    doneTitle: 'Your case is open',
    doneLead:
      'Platforms can now recognise your files. Keep these two codes: with them you can follow your case, add files, or withdraw them.',
    caseNumber: 'Case number',
    pin: 'PIN',
    onceWarning:
      'They are shown only once. Nobody, not even Aman, can find them again: save them now.',
    saveFile: 'Save as a file',
    print: 'Print',
    savedCheck: 'I have saved my case number and PIN',
    openCase: 'Go to my case',
    fileTitle: 'Aman: your case',
    fileBody: (caseNumber: string, pin: string, date: string, url: string) =>
      `Case number: ${caseNumber}\nPIN: ${pin}\nOpened: ${date}\n\nTo follow your case, add files or withdraw them, open ${url} and enter these two codes.\nKeep this file private: anyone with both codes can open your case.\n`,
  },
  fr: {
    title: 'Protéger ma vidéo ou mes photos',
    lead: 'Les plateformes qui travaillent avec Aman peuvent reconnaître les copies de votre vidéo ou de vos photos et les bloquer, grâce à leurs seules empreintes.',
    how: 'Une empreinte (hash) est un court code calculé à partir de l’image. On ne peut pas reconstituer l’image à partir d’elle, et elle est calculée ici, sur votre appareil.',
    which:
      'Choisissez la vidéo de l’appel si vous l’avez, ou des photos qui en sont tirées. La vidéo envoyée par le maître chanteur convient aussi.',
    review: 'Vérifier ce qui sera envoyé',
    reviewTitle: 'Voici tout ce qui sera envoyé',
    reviewIntro: (hashes: number, files: number) =>
      `${hashes} empreinte${hashes > 1 ? 's' : ''} pour ${files} fichier${files > 1 ? 's' : ''}. Aucune image, aucune vidéo, aucun nom, aucun e-mail, aucun numéro de téléphone.`,
    reviewExact: 'Les données exactes, telles qu’elles seront envoyées :',
    send: 'Envoyer les empreintes et ouvrir mon dossier',
    sending: 'Envoi…',
    nothingToSend: 'Aucune empreinte ne peut encore être envoyée.',
    edit: 'Changer les fichiers',
    doneTitle: 'Votre dossier est ouvert',
    doneLead:
      'Les plateformes peuvent maintenant reconnaître vos fichiers. Gardez ces deux codes : ils vous permettent de suivre votre dossier, d’ajouter des fichiers ou de les retirer.',
    caseNumber: 'Numéro de dossier',
    pin: 'Code PIN',
    onceWarning:
      'Ils ne s’affichent qu’une seule fois. Personne, pas même Aman, ne peut les retrouver : enregistrez-les maintenant.',
    saveFile: 'Enregistrer dans un fichier',
    print: 'Imprimer',
    savedCheck: 'J’ai enregistré mon numéro de dossier et mon code PIN',
    openCase: 'Aller à mon dossier',
    fileTitle: 'Aman : votre dossier',
    fileBody: (caseNumber: string, pin: string, date: string, url: string) =>
      `Numéro de dossier : ${caseNumber}\nCode PIN : ${pin}\nOuvert le : ${date}\n\nPour suivre votre dossier, ajouter ou retirer des fichiers, ouvrez ${url} et saisissez ces deux codes.\nGardez ce fichier pour vous : quiconque a les deux codes peut ouvrir votre dossier.\n`,
  },
  ar: {
    title: 'حماية الفيديو أو الصور الخاصة بي',
    lead: 'يمكن للمنصات التي تتعاون مع أمان التعرّف على نسخ الفيديو أو الصور الخاصة بك وحجبها، اعتمادًا على بصماتها فقط.',
    how: 'البصمة رمز قصير يُحسب انطلاقًا من الصورة. لا يمكن تحويلها إلى الصورة من جديد، وتُحسب هنا، على جهازك.',
    which:
      'اختر فيديو المكالمة إن كان لديك، أو صورًا مأخوذة منه. الفيديو الذي أرسله المبتز يصلح أيضًا.',
    review: 'راجع ما سيتم إرساله',
    reviewTitle: 'هذا كل ما سيتم إرساله',
    reviewIntro: (hashes: number, files: number) =>
      `عدد البصمات: ${hashes}، لعدد ${files} من الملفات. لا صور، لا فيديو، لا اسم، لا بريد إلكتروني، لا رقم هاتف.`,
    reviewExact: 'البيانات كما ستُرسل بالضبط:',
    send: 'أرسل البصمات وافتح ملفي',
    sending: 'جارٍ الإرسال…',
    nothingToSend: 'لا توجد بعد بصمة يمكن إرسالها.',
    edit: 'غيّر الملفات',
    doneTitle: 'ملفك مفتوح',
    doneLead:
      'يمكن للمنصات الآن التعرّف على ملفاتك. احتفظ بهذين الرمزين: بهما تتابع ملفك، وتضيف ملفات، أو تسحبها.',
    caseNumber: 'رقم الملف',
    pin: 'الرمز السري',
    onceWarning: 'يُعرضان مرة واحدة فقط. لا أحد، ولا حتى أمان، يستطيع استرجاعهما: احفظهما الآن.',
    saveFile: 'احفظ في ملف',
    print: 'اطبع',
    savedCheck: 'لقد حفظت رقم ملفي ورمزي السري',
    openCase: 'اذهب إلى ملفي',
    fileTitle: 'أمان: ملفك',
    fileBody: (caseNumber: string, pin: string, date: string, url: string) =>
      `رقم الملف: ${caseNumber}\nالرمز السري: ${pin}\nتاريخ الفتح: ${date}\n\nلمتابعة ملفك أو إضافة ملفات أو سحبها، افتح ${url} وأدخل هذين الرمزين.\nاحتفظ بهذا الملف لنفسك: كل من يملك الرمزين يمكنه فتح ملفك.\n`,
  },
});
