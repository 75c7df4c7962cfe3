import { defineCatalog } from '../../i18n/catalog.ts';

/** The victim's side of the console: adding a message to the case, sharing it with a helpline. */
export const shareMessages = defineCatalog({
  en: {
    addTitle: 'Add this message to your case',
    addLead:
      'Aman keeps it encrypted with your case and compares the blackmailer’s numbers, accounts and payment details with other people’s reports, to find the ring behind them. Your name is never asked.',
    caseNumber: 'Case number',
    pin: 'PIN',
    add: 'Add to my case',
    added: 'Added to your case. Thank you: it helps stop them.',
    shareTitle: 'Share your case with a helpline',
    shareLead:
      'Only if you want to. The helpline then sees the messages you added, the fingerprints of your files and what platforms did. What you write below and the evidence in your locker are encrypted here, on your device, for that helpline only: Aman cannot read them.',
    helpline: 'Helpline',
    noHelplines: 'No helpline can receive shared cases on this Aman server yet.',
    note: 'What you want them to know (optional)',
    includeEvidence: (count: number) =>
      `Include the ${count} item${count === 1 ? '' : 's'} of your evidence locker`,
    share: 'Share with this helpline',
    shared: (name: string, date: string) => `Shared with ${name} on ${date}.`,
    revoked: (name: string, date: string) => `Taken back from ${name} on ${date}.`,
    revoke: 'Take it back',
    revokedNow:
      'Taken back: the helpline no longer sees your case, and its notes about it are deleted.',
    tooLarge:
      'Your evidence is too large to share this way; share without it, and bring it to the helpline.',
    failed: (message: string) => `That did not work: ${message}`,
  },
  fr: {
    addTitle: 'Ajouter ce message à votre dossier',
    addLead:
      'Aman le garde chiffré avec votre dossier et compare les numéros, comptes et moyens de paiement du maître chanteur avec les signalements d’autres personnes, pour trouver le réseau derrière. Votre nom n’est jamais demandé.',
    caseNumber: 'Numéro de dossier',
    pin: 'Code PIN',
    add: 'Ajouter à mon dossier',
    added: 'Ajouté à votre dossier. Merci : cela aide à les arrêter.',
    shareTitle: 'Partager votre dossier avec une ligne d’écoute',
    shareLead:
      'Seulement si vous le voulez. La ligne voit alors les messages que vous avez ajoutés, les empreintes de vos fichiers et ce qu’ont fait les plateformes. Ce que vous écrivez ci-dessous et les preuves de votre coffre sont chiffrés ici, sur votre appareil, pour cette ligne seulement : Aman ne peut pas les lire.',
    helpline: 'Ligne d’écoute',
    noHelplines: 'Aucune ligne d’écoute ne peut encore recevoir de dossier sur ce serveur Aman.',
    note: 'Ce que vous voulez lui dire (facultatif)',
    includeEvidence: (count: number) =>
      `Inclure ${count === 1 ? 'l’élément' : `les ${count} éléments`} de votre coffre à preuves`,
    share: 'Partager avec cette ligne',
    shared: (name: string, date: string) => `Partagé avec ${name} le ${date}.`,
    revoked: (name: string, date: string) => `Repris à ${name} le ${date}.`,
    revoke: 'Reprendre',
    revokedNow:
      'Repris : la ligne ne voit plus votre dossier, et ses notes à son sujet sont effacées.',
    tooLarge:
      'Vos preuves sont trop lourdes pour être partagées ainsi ; partagez sans elles, et apportez-les à la ligne.',
    failed: (message: string) => `Cela n’a pas marché : ${message}`,
  },
  ar: {
    addTitle: 'أضف هذه الرسالة إلى ملفك',
    addLead:
      'يحفظها أمان مشفّرة مع ملفك، ويقارن أرقام المبتز وحساباته ووسائل الدفع التي يطلبها ببلاغات أشخاص آخرين، لكشف الشبكة التي تقف وراءه. لا يُطلب اسمك أبدًا.',
    caseNumber: 'رقم الملف',
    pin: 'الرمز السري',
    add: 'أضف إلى ملفي',
    added: 'أُضيفت إلى ملفك. شكرًا لك: هذا يساعد على إيقافهم.',
    shareTitle: 'شارك ملفك مع خط مساعدة',
    shareLead:
      'فقط إن أردت. يرى خط المساعدة حينها الرسائل التي أضفتها وبصمات ملفاتك وما فعلته المنصات. ما تكتبه أدناه والأدلة في خزنتك يُشفَّران هنا، على جهازك، لهذا الخط وحده: لا يستطيع أمان قراءتها.',
    helpline: 'خط المساعدة',
    noHelplines: 'لا يوجد بعد خط مساعدة يستقبل الملفات على خادم أمان هذا.',
    note: 'ما تريد أن يعرفوه (اختياري)',
    includeEvidence: (count: number) => `تضمين ${count} من عناصر خزنة الأدلة`,
    share: 'شارك مع هذا الخط',
    shared: (name: string, date: string) => `تمت المشاركة مع ${name} في ${date}.`,
    revoked: (name: string, date: string) => `تم الاسترجاع من ${name} في ${date}.`,
    revoke: 'استرجاع',
    revokedNow: 'تم الاسترجاع: لم يعد الخط يرى ملفك، وحُذفت ملاحظاته عنه.',
    tooLarge: 'أدلتك أكبر من أن تُشارك بهذه الطريقة؛ شارك دونها واحملها إلى الخط.',
    failed: (message: string) => `لم ينجح ذلك: ${message}`,
  },
});
