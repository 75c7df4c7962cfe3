import { defineCatalog } from '../i18n/catalog.ts';

export const homeMessages = defineCatalog({
  en: {
    title: 'You are not alone. We will get through this one step at a time.',
    lead: 'Being blackmailed is frightening, but this is a known scam and there are things that work. Nothing you do here is seen by anyone unless you choose to send it.',
    rightNow: 'Right now:',
    rightNowSteps: 'stop replying, do not pay, and do not delete the conversation.',
    choose: 'What do you need?',
    helpTitle: 'Someone is blackmailing me',
    helpText: 'Paste their messages. In a minute you will know what this is and what to do now.',
    protectTitle: 'Protect my video or photos',
    protectText:
      'Platforms can block copies. Only fingerprints (hashes) leave this device, never the images.',
    caseTitle: 'My case',
    caseText: 'Already protected something? See what platforms did, add files, or withdraw.',
    lockerTitle: 'Evidence locker',
    lockerText: 'Keep screenshots, messages and receipts safely, and make a file for the police.',
  },
  fr: {
    title: 'Vous n’êtes pas seul·e. On va avancer pas à pas.',
    lead: 'Être victime de chantage fait peur, mais c’est une arnaque connue et il existe des solutions qui marchent. Personne ne voit ce que vous faites ici, sauf si vous choisissez de l’envoyer.',
    rightNow: 'Tout de suite :',
    rightNowSteps: 'arrêtez de répondre, ne payez pas, et ne supprimez pas la conversation.',
    choose: 'De quoi avez-vous besoin ?',
    helpTitle: 'Quelqu’un me fait chanter',
    helpText:
      'Collez ses messages. En une minute, vous saurez de quoi il s’agit et quoi faire maintenant.',
    protectTitle: 'Protéger ma vidéo ou mes photos',
    protectText:
      'Les plateformes peuvent bloquer les copies. Seules des empreintes quittent cet appareil, jamais les images.',
    caseTitle: 'Mon dossier',
    caseText:
      'Vous avez déjà protégé quelque chose ? Voyez ce que les plateformes ont fait, ajoutez des fichiers ou retirez-les.',
    lockerTitle: 'Coffre à preuves',
    lockerText:
      'Gardez en sécurité captures, messages et reçus, et préparez un dossier pour la police.',
  },
  ar: {
    title: 'لست وحدك. سنتجاوز هذا خطوة بخطوة.',
    lead: 'الابتزاز أمر مخيف، لكنه احتيال معروف وهناك حلول تنجح. لا أحد يرى ما تفعله هنا إلا إذا اخترت أنت إرساله.',
    rightNow: 'الآن فورًا:',
    rightNowSteps: 'توقّف عن الرد، لا تدفع، ولا تحذف المحادثة.',
    choose: 'ماذا تحتاج؟',
    helpTitle: 'شخص ما يبتزني',
    helpText: 'الصق رسائله. خلال دقيقة ستعرف ما الذي يحدث وما يجب فعله الآن.',
    protectTitle: 'حماية الفيديو أو الصور الخاصة بي',
    protectText: 'يمكن للمنصات حجب النسخ. لا تغادر هذا الجهاز سوى البصمات، وليس الصور أبدًا.',
    caseTitle: 'ملفي',
    caseText: 'هل قمت بحماية شيء من قبل؟ اطّلع على ما فعلته المنصات، أو أضف ملفات، أو اسحبها.',
    lockerTitle: 'خزانة الأدلة',
    lockerText: 'احتفظ بلقطات الشاشة والرسائل والإيصالات بأمان، وجهّز ملفًا للشرطة.',
  },
});
