import { defineCatalog } from '../i18n/catalog.ts';

/**
 * The plan and the calming facts, as the services agree on them (docs DOMAIN.md: the
 * Cybermalveillance.gouv.fr "Que faire en cas de sextorsion ?" sheet; Net Écoute / e-Enfance).
 * Every statement here is one a source makes; the sources are shown with them.
 */

export const PLAN_STEPS = [
  'stopReplying',
  'dontPay',
  'keepConversation',
  'block',
  'lockAccounts',
  'keepEvidence',
  'report',
] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

export const FACTS = ['rare', 'notYourFault', 'bluff', 'helpIsFree'] as const;
export type Fact = (typeof FACTS)[number];

interface Step {
  title: string;
  why: string;
}

export const adviceMessages = defineCatalog<{
  planTitle: string;
  planSource: string;
  steps: Record<PlanStep, Step>;
  factsTitle: string;
  facts: Record<Fact, string>;
  factsSource: string;
}>({
  en: {
    planTitle: 'What to do now',
    planSource:
      'Cybermalveillance.gouv.fr (the French government’s cybercrime assistance service), “Que faire en cas de sextorsion ?”.',
    steps: {
      stopReplying: {
        title: 'Stop replying.',
        why: 'Every answer tells them you are frightened and keeps the pressure going. You do not owe them a reply.',
      },
      dontPay: {
        title: 'Do not pay.',
        why: 'Paying does not end it: after a first payment come new, bigger demands.',
      },
      keepConversation: {
        title: 'Do not delete the conversation.',
        why: 'It is the evidence. Take screenshots that show their profile, their messages and any payment details.',
      },
      block: {
        title: 'Block them everywhere,',
        why: 'once you have kept the evidence: on every app and network they used.',
      },
      lockAccounts: {
        title: 'Lock down your accounts.',
        why: 'Make your friends and followers lists private, and change your password if they quoted one.',
      },
      keepEvidence: {
        title: 'Keep the evidence safe.',
        why: 'Profile links, phone numbers, transfer references (MTCN), wallet addresses: the police ask for exactly these. The evidence locker can keep them for you, encrypted.',
      },
      report: {
        title: 'Report it.',
        why: 'Blackmail is a crime, and you are the victim. The services below are free.',
      },
    },
    factsTitle: 'Things that are true',
    facts: {
      rare: 'In practice, blackmailers rarely publish anything: they are after money, and they move on to other targets.',
      notYourFault:
        'It is not your fault. These are organised criminals who do this to thousands of people, with scripts and fake profiles.',
      bluff:
        'The mass “I hacked your webcam” e-mail is a bluff sent to huge numbers of people: there is no video at all.',
      helpIsFree: 'Help is free, and you can get it without giving your name.',
    },
    factsSource:
      'Net Écoute / e-Enfance; Cybermalveillance.gouv.fr; Talos Intelligence on the 2018 mass e-mail campaigns.',
  },
  fr: {
    planTitle: 'Que faire maintenant',
    planSource:
      'Cybermalveillance.gouv.fr (le dispositif national d’assistance aux victimes de cybermalveillance), « Que faire en cas de sextorsion ? ».',
    steps: {
      stopReplying: {
        title: 'Arrêtez de répondre.',
        why: 'Chaque réponse leur montre que vous avez peur et entretient la pression. Vous ne leur devez aucune réponse.',
      },
      dontPay: {
        title: 'Ne payez pas.',
        why: 'Payer n’arrête rien : après un premier paiement viennent d’autres demandes, plus élevées.',
      },
      keepConversation: {
        title: 'Ne supprimez pas la conversation.',
        why: 'C’est la preuve. Faites des captures d’écran qui montrent leur profil, leurs messages et les détails de paiement.',
      },
      block: {
        title: 'Bloquez-les partout,',
        why: 'une fois les preuves gardées : sur chaque application et réseau qu’ils ont utilisé.',
      },
      lockAccounts: {
        title: 'Verrouillez vos comptes.',
        why: 'Rendez privées vos listes d’amis et d’abonnés, et changez votre mot de passe s’ils en ont cité un.',
      },
      keepEvidence: {
        title: 'Gardez les preuves en sécurité.',
        why: 'Liens de profil, numéros de téléphone, références de transfert (MTCN), adresses de portefeuille : c’est exactement ce que demande la police. Le coffre à preuves peut les garder pour vous, chiffrées.',
      },
      report: {
        title: 'Signalez-le.',
        why: 'Le chantage est un délit, et c’est vous la victime. Les services ci-dessous sont gratuits.',
      },
    },
    factsTitle: 'Ce qui est vrai',
    facts: {
      rare: 'En pratique, les maîtres chanteurs publient rarement quoi que ce soit : ils veulent de l’argent et passent à d’autres cibles.',
      notYourFault:
        'Ce n’est pas de votre faute. Ce sont des criminels organisés qui font cela à des milliers de personnes, avec des scripts et de faux profils.',
      bluff:
        'Le courriel de masse « j’ai piraté votre webcam » est un bluff envoyé à un très grand nombre de personnes : il n’y a aucune vidéo.',
      helpIsFree: 'L’aide est gratuite, et vous pouvez l’obtenir sans donner votre nom.',
    },
    factsSource:
      'Net Écoute / e-Enfance ; Cybermalveillance.gouv.fr ; Talos Intelligence sur les campagnes de courriels de 2018.',
  },
  ar: {
    planTitle: 'ما يجب فعله الآن',
    planSource:
      'Cybermalveillance.gouv.fr (الجهاز الفرنسي الرسمي لمساعدة ضحايا الجرائم الإلكترونية)، «ماذا تفعل في حالة الابتزاز الجنسي؟».',
    steps: {
      stopReplying: {
        title: 'توقّف عن الرد.',
        why: 'كل رد يُظهر لهم أنك خائف ويُبقي الضغط مستمرًا. لست مدينًا لهم بأي رد.',
      },
      dontPay: {
        title: 'لا تدفع.',
        why: 'الدفع لا يُنهي شيئًا: بعد الدفعة الأولى تأتي مطالب جديدة وأكبر.',
      },
      keepConversation: {
        title: 'لا تحذف المحادثة.',
        why: 'إنها الدليل. التقط صورًا للشاشة تُظهر حسابهم ورسائلهم وتفاصيل الدفع.',
      },
      block: {
        title: 'احظرهم في كل مكان،',
        why: 'بعد أن تحتفظ بالأدلة: على كل تطبيق وشبكة استعملوها.',
      },
      lockAccounts: {
        title: 'أمّن حساباتك.',
        why: 'اجعل قوائم أصدقائك ومتابعيك خاصة، وغيّر كلمة المرور إذا ذكروا واحدة منها.',
      },
      keepEvidence: {
        title: 'احفظ الأدلة في مكان آمن.',
        why: 'روابط الحسابات، أرقام الهواتف، مراجع التحويل (MTCN)، عناوين المحافظ: هذا بالضبط ما تطلبه الشرطة. يمكن لخزانة الأدلة أن تحفظها لك مشفّرة.',
      },
      report: {
        title: 'بلّغ عنهم.',
        why: 'الابتزاز جريمة، وأنت الضحية. الخدمات أدناه مجانية.',
      },
    },
    factsTitle: 'حقائق صحيحة',
    facts: {
      rare: 'في الواقع، نادرًا ما ينشر المبتزون أي شيء: هدفهم المال، وينتقلون إلى ضحايا آخرين.',
      notYourFault:
        'ليس ذنبك. إنهم مجرمون منظمون يفعلون هذا بآلاف الأشخاص، بسيناريوهات جاهزة وحسابات مزيفة.',
      bluff:
        'رسالة البريد الجماعية «لقد اخترقت كاميرتك» خدعة تُرسل إلى أعداد هائلة من الناس: لا يوجد أي فيديو.',
      helpIsFree: 'المساعدة مجانية، ويمكنك الحصول عليها دون ذكر اسمك.',
    },
    factsSource:
      'Net Écoute / e-Enfance؛ Cybermalveillance.gouv.fr؛ Talos Intelligence حول حملات البريد الجماعية لعام 2018.',
  },
});
