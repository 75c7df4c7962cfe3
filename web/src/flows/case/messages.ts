import { defineCatalog } from '../../i18n/catalog.ts';

export const caseMessages = defineCatalog({
  en: {
    title: 'My case',
    lead: 'Enter the case number and PIN you were given when you protected your files.',
    caseNumber: 'Case number',
    caseNumberHint: '16 letters and digits, for example 7KQM-4XZD-9H2P-R3TA',
    pin: 'PIN',
    pinHint: 'Ten digits, for example 12345-67890',
    open: 'Open my case',
    opening: 'Opening…',
    badCaseNumber: 'This does not look like a case number: it has 16 letters and digits.',
    badPin: 'A PIN has ten digits.',
    statusActive: 'Your case is active: platforms are checking uploads against your fingerprints.',
    statusWithdrawn:
      'Your case is withdrawn: platforms no longer check uploads against its fingerprints.',
    opened: (date: string) => `Opened on ${date}`,
    platformsTitle: 'What platforms did',
    noFeedback:
      'No platform has reported a match yet. That is normal: it means no copy has been found so far.',
    decisions: {
      Blocked: (platform: string, date: string) => `${platform} blocked a copy on ${date}.`,
      PendingReview: (platform: string, date: string) =>
        `${platform} found a possible copy on ${date}; a person is reviewing it.`,
      NotBlocked: (platform: string, date: string) =>
        `${platform} reviewed a possible match on ${date} and decided it was not your file.`,
    },
    fingerprintsTitle: 'Your fingerprints',
    signalStatus: {
      active: 'Active',
      withdrawn: 'Withdrawn',
      quarantined: 'Paused for a check',
      rejected: 'Not used',
    },
    added: (date: string) => `added ${date}`,
    select: (what: string) => `Select ${what}`,
    withdrawSelected: 'Withdraw the selected fingerprints',
    withdrawAll: 'Withdraw everything and close the case',
    confirmTitle: 'Withdraw?',
    confirmSelected: (count: number) =>
      `Platforms will stop recognising ${count === 1 ? 'this fingerprint' : `these ${count} fingerprints`} at once. You can add the files again later.`,
    confirmAll:
      'Platforms will stop recognising all your files at once, and the case will take no new files. The messages you added to the case and the evidence kept in it are deleted.',
    confirm: 'Withdraw',
    keep: 'Keep them',
    withdrawn: (count: number) =>
      count === 1 ? '1 fingerprint withdrawn.' : `${count} fingerprints withdrawn.`,
    addTitle: 'Add more files',
    addFiles: 'Send these fingerprints',
    added_: (count: number) =>
      count === 1 ? '1 fingerprint added.' : `${count} fingerprints added.`,
    refresh: 'Refresh',
    close: 'Close my case on this screen',
    messagesTitle: 'Messages you added',
    messagesLead:
      'They help link blackmailers who target several people. You can take any of them back.',
    noMessages: 'No message added to this case.',
    messageAdded: (date: string) => `added ${date}`,
    removeMessage: 'Remove',
    removeMessageOf: (date: string) => `Remove the message added ${date}`,
    confirmRemoveTitle: 'Remove this message?',
    confirmRemove:
      'It is deleted from Aman and stops linking your case to other reports at once. A helpline you shared the case with no longer sees it either.',
    keepMessage: 'Keep it',
    messageRemoved: 'Message removed.',
    messagesDeleted: (count: number) =>
      count === 1 ? '1 message deleted.' : `${count} messages deleted.`,
  },
  fr: {
    title: 'Mon dossier',
    lead: 'Saisissez le numéro de dossier et le code PIN reçus quand vous avez protégé vos fichiers.',
    caseNumber: 'Numéro de dossier',
    caseNumberHint: '16 lettres et chiffres, par exemple 7KQM-4XZD-9H2P-R3TA',
    pin: 'Code PIN',
    pinHint: 'Dix chiffres, par exemple 12345-67890',
    open: 'Ouvrir mon dossier',
    opening: 'Ouverture…',
    badCaseNumber:
      'Cela ne ressemble pas à un numéro de dossier : il compte 16 lettres et chiffres.',
    badPin: 'Un code PIN compte dix chiffres.',
    statusActive:
      'Votre dossier est actif : les plateformes comparent les contenus publiés à vos empreintes.',
    statusWithdrawn:
      'Votre dossier est retiré : les plateformes ne comparent plus les contenus à ses empreintes.',
    opened: (date: string) => `Ouvert le ${date}`,
    platformsTitle: 'Ce que les plateformes ont fait',
    noFeedback:
      'Aucune plateforme n’a encore signalé de correspondance. C’est normal : aucune copie n’a été trouvée jusqu’ici.',
    decisions: {
      Blocked: (platform: string, date: string) => `${platform} a bloqué une copie le ${date}.`,
      PendingReview: (platform: string, date: string) =>
        `${platform} a trouvé une copie possible le ${date} ; une personne l’examine.`,
      NotBlocked: (platform: string, date: string) =>
        `${platform} a examiné une correspondance possible le ${date} et a conclu que ce n’était pas votre fichier.`,
    },
    fingerprintsTitle: 'Vos empreintes',
    signalStatus: {
      active: 'Active',
      withdrawn: 'Retirée',
      quarantined: 'Suspendue pour vérification',
      rejected: 'Non utilisée',
    },
    added: (date: string) => `ajoutée le ${date}`,
    select: (what: string) => `Sélectionner ${what}`,
    withdrawSelected: 'Retirer les empreintes sélectionnées',
    withdrawAll: 'Tout retirer et fermer le dossier',
    confirmTitle: 'Retirer ?',
    confirmSelected: (count: number) =>
      `Les plateformes cesseront immédiatement de reconnaître ${count === 1 ? 'cette empreinte' : `ces ${count} empreintes`}. Vous pourrez ajouter les fichiers à nouveau plus tard.`,
    confirmAll:
      'Les plateformes cesseront immédiatement de reconnaître tous vos fichiers, et le dossier n’acceptera plus de nouveaux fichiers. Les messages ajoutés au dossier et les preuves qui y sont gardées sont supprimés.',
    confirm: 'Retirer',
    keep: 'Les garder',
    withdrawn: (count: number) =>
      count === 1 ? '1 empreinte retirée.' : `${count} empreintes retirées.`,
    addTitle: 'Ajouter des fichiers',
    addFiles: 'Envoyer ces empreintes',
    added_: (count: number) =>
      count === 1 ? '1 empreinte ajoutée.' : `${count} empreintes ajoutées.`,
    refresh: 'Actualiser',
    close: 'Fermer mon dossier sur cet écran',
    messagesTitle: 'Messages que vous avez ajoutés',
    messagesLead:
      'Ils aident à relier les maîtres chanteurs qui visent plusieurs personnes. Vous pouvez retirer chacun d’eux.',
    noMessages: 'Aucun message ajouté à ce dossier.',
    messageAdded: (date: string) => `ajouté le ${date}`,
    removeMessage: 'Retirer',
    removeMessageOf: (date: string) => `Retirer le message ajouté le ${date}`,
    confirmRemoveTitle: 'Retirer ce message ?',
    confirmRemove:
      'Il est supprimé d’Aman et cesse immédiatement de relier votre dossier à d’autres signalements. Une ligne d’écoute avec qui vous avez partagé le dossier ne le voit plus non plus.',
    keepMessage: 'Le garder',
    messageRemoved: 'Message retiré.',
    messagesDeleted: (count: number) =>
      count === 1 ? '1 message supprimé.' : `${count} messages supprimés.`,
  },
  ar: {
    title: 'ملفي',
    lead: 'أدخل رقم الملف والرمز السري اللذين حصلت عليهما عند حماية ملفاتك.',
    caseNumber: 'رقم الملف',
    caseNumberHint: '16 حرفًا ورقمًا، مثلًا 7KQM-4XZD-9H2P-R3TA',
    pin: 'الرمز السري',
    pinHint: 'عشرة أرقام، مثلًا 12345-67890',
    open: 'افتح ملفي',
    opening: 'جارٍ الفتح…',
    badCaseNumber: 'هذا لا يشبه رقم ملف: يتكون من 16 حرفًا ورقمًا.',
    badPin: 'يتكون الرمز السري من عشرة أرقام.',
    statusActive: 'ملفك نشِط: تقارن المنصات ما يُنشر ببصماتك.',
    statusWithdrawn: 'ملفك مسحوب: لم تعد المنصات تقارن المحتوى ببصماته.',
    opened: (date: string) => `فُتح في ${date}`,
    platformsTitle: 'ما فعلته المنصات',
    noFeedback: 'لم تُبلغ أي منصة عن تطابق بعد. هذا طبيعي: يعني أنه لم يُعثر على أي نسخة حتى الآن.',
    decisions: {
      Blocked: (platform: string, date: string) => `حجبت ${platform} نسخة في ${date}.`,
      PendingReview: (platform: string, date: string) =>
        `عثرت ${platform} على نسخة محتملة في ${date}؛ يراجعها شخص الآن.`,
      NotBlocked: (platform: string, date: string) =>
        `راجعت ${platform} تطابقًا محتملًا في ${date} وقررت أنه ليس ملفك.`,
    },
    fingerprintsTitle: 'بصماتك',
    signalStatus: {
      active: 'نشطة',
      withdrawn: 'مسحوبة',
      quarantined: 'موقوفة للتحقق',
      rejected: 'غير مستعملة',
    },
    added: (date: string) => `أُضيفت في ${date}`,
    select: (what: string) => `اختر ${what}`,
    withdrawSelected: 'اسحب البصمات المختارة',
    withdrawAll: 'اسحب كل شيء وأغلق الملف',
    confirmTitle: 'هل تريد السحب؟',
    confirmSelected: (count: number) =>
      `ستتوقف المنصات فورًا عن التعرّف على ${count === 1 ? 'هذه البصمة' : `هذه البصمات (${count})`}. يمكنك إضافة الملفات من جديد لاحقًا.`,
    confirmAll:
      'ستتوقف المنصات فورًا عن التعرّف على كل ملفاتك، ولن يقبل الملف ملفات جديدة. وتُحذف الرسائل التي أضفتها إلى الملف والأدلة المحفوظة فيه.',
    confirm: 'اسحب',
    keep: 'احتفظ بها',
    withdrawn: (count: number) =>
      count === 1 ? 'سُحبت بصمة واحدة.' : `عدد البصمات المسحوبة: ${count}.`,
    addTitle: 'أضف ملفات أخرى',
    addFiles: 'أرسل هذه البصمات',
    added_: (count: number) =>
      count === 1 ? 'أُضيفت بصمة واحدة.' : `عدد البصمات المضافة: ${count}.`,
    refresh: 'تحديث',
    close: 'أغلق ملفي على هذه الشاشة',
    messagesTitle: 'الرسائل التي أضفتها',
    messagesLead: 'تساعد على الربط بين المبتزّين الذين يستهدفون عدة أشخاص. يمكنك سحب أي منها.',
    noMessages: 'لم تُضف أي رسالة إلى هذا الملف.',
    messageAdded: (date: string) => `أُضيفت في ${date}`,
    removeMessage: 'احذف',
    removeMessageOf: (date: string) => `احذف الرسالة المضافة في ${date}`,
    confirmRemoveTitle: 'هل تريد حذف هذه الرسالة؟',
    confirmRemove:
      'تُحذف من أمان وتتوقف فورًا عن ربط ملفك ببلاغات أخرى. ولن يراها أيضًا خط المساعدة الذي شاركت معه الملف.',
    keepMessage: 'احتفظ بها',
    messageRemoved: 'حُذفت الرسالة.',
    messagesDeleted: (count: number) =>
      count === 1 ? 'حُذفت رسالة واحدة.' : `عدد الرسائل المحذوفة: ${count}.`,
  },
});
