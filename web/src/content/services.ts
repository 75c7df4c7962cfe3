import { defineCatalog } from '../i18n/catalog.ts';
import type { Country } from './countries.ts';

/**
 * Every service, number and hotline the portal shows, each with the public source it was taken
 * from (ARCHITECTURE principle 8; the facts come from docs DOMAIN.md). Add one only with a source.
 */

export { COUNTRIES, type Country } from './countries.ts';

export type ServiceId =
  | 'cyber17'
  | 'pharos'
  | 'thesee'
  | 'e3018'
  | 'eblagh'
  | 'stopncii'
  | 'takeItDown'
  | 'suicide3114'
  | 'emergency112'
  | 'moroccoEmergency'
  | 'findAHelpline';

export interface Service {
  id: ServiceId;
  /** Where the person goes; always the service's own site. */
  url: string;
  /** A number to call, when the service has one. */
  phone?: string;
  /**
   * The page that vouches for what we say about it, where the source is a page of its own; press
   * reports are cited by name and date in the text.
   */
  sourceUrl?: string;
}

export const SERVICES: Readonly<Record<ServiceId, Service>> = {
  cyber17: {
    id: 'cyber17',
    url: 'https://www.17cyber.gouv.fr/',
  },
  pharos: {
    id: 'pharos',
    url: 'https://www.internet-signalement.gouv.fr/',
    sourceUrl: 'https://www.internet-signalement.gouv.fr/',
  },
  thesee: {
    id: 'thesee',
    url: 'https://www.17cyber.gouv.fr/',
  },
  e3018: {
    id: 'e3018',
    url: 'https://e-enfance.org/',
    phone: '3018',
    sourceUrl: 'https://e-enfance.org/',
  },
  eblagh: {
    id: 'eblagh',
    url: 'https://www.e-blagh.ma/',
  },
  stopncii: {
    id: 'stopncii',
    url: 'https://stopncii.org/',
    sourceUrl: 'https://stopncii.org/',
  },
  takeItDown: {
    id: 'takeItDown',
    url: 'https://takeitdown.ncmec.org/',
    sourceUrl: 'https://takeitdown.ncmec.org/',
  },
  suicide3114: {
    id: 'suicide3114',
    url: 'https://3114.fr/',
    phone: '3114',
    sourceUrl: 'https://3114.fr/',
  },
  emergency112: {
    id: 'emergency112',
    url: 'https://www.gouvernement.fr/actualite/le-112-le-numero-durgence-europeen',
    phone: '112',
    sourceUrl: 'https://www.gouvernement.fr/actualite/le-112-le-numero-durgence-europeen',
  },
  moroccoEmergency: {
    id: 'moroccoEmergency',
    url: 'https://www.challenge.ma/maroc-ces-numeros-quil-faut-avoir-en-cas-durgence-243599/',
    phone: '19',
    sourceUrl: 'https://www.challenge.ma/maroc-ces-numeros-quil-faut-avoir-en-cas-durgence-243599/',
  },
  findAHelpline: {
    id: 'findAHelpline',
    url: 'https://findahelpline.com/',
    sourceUrl: 'https://findahelpline.com/',
  },
};

/** Where to report and get help after a blackmail, most useful first, per country. */
export const REPORT_ROUTES: Readonly<Record<Country, readonly ServiceId[]>> = {
  FR: ['cyber17', 'thesee', 'pharos', 'stopncii', 'e3018'],
  MA: ['eblagh', 'stopncii'],
  other: ['stopncii'],
};

/** For anyone under 18, in every country; 3018 where it answers. */
export const UNDER_18_ROUTES: Readonly<Record<Country, readonly ServiceId[]>> = {
  FR: ['takeItDown', 'e3018'],
  MA: ['takeItDown'],
  other: ['takeItDown'],
};

/** Someone to talk to now, when it is too much. */
export const CRISIS_ROUTES: Readonly<Record<Country, readonly ServiceId[]>> = {
  FR: ['suicide3114', 'emergency112'],
  MA: ['moroccoEmergency'],
  other: ['findAHelpline', 'emergency112'],
};

interface ServiceText {
  name: string;
  /** What it does for this person, in one or two plain sentences. */
  what: string;
  /** The citation shown under it. */
  source: string;
}

export const serviceMessages = defineCatalog<Record<ServiceId, ServiceText>>({
  en: {
    cyber17: {
      name: '17Cyber',
      what: 'The French government’s help site for cybercrime: a diagnosis, what to do, and a chat with a police officer or gendarme, day and night. It takes you to the online complaint and to PHAROS.',
      source:
        'Joint announcement of the Police nationale, the Gendarmerie and Cybermalveillance.gouv.fr, 17 December 2024 (reported by lessor.org and le-meridien.fr).',
    },
    pharos: {
      name: 'PHAROS',
      what: 'The police platform for reporting illegal content that is publicly online, for example if something about you is posted.',
      source: 'internet-signalement.gouv.fr (Ministry of the Interior).',
    },
    thesee: {
      name: 'Online complaint (THESEE)',
      what: 'File a complaint online for an online scam or extortion attempt, without going to a police station. 17Cyber takes you there.',
      source: 'commentcamarche.net and lessor.org, 2024.',
    },
    e3018: {
      name: '3018',
      what: 'Free and anonymous help for young people facing online harassment or blackmail, by phone (3018), chat or app. They can have content removed quickly.',
      source: 'e-enfance.org (Association e-Enfance).',
    },
    eblagh: {
      name: 'E-Blagh',
      what: 'The Moroccan national police (DGSN) platform for reporting cybercrime, including sexual blackmail. You can report anonymously.',
      source: 'DGSN announcement, June 2024, reported by Le Matin and Yabiladi.',
    },
    stopncii: {
      name: 'StopNCII.org',
      what: 'For adults: hashes intimate images on your own device and shares only the hashes with partner platforms so they can block copies.',
      source: 'stopncii.org.',
    },
    takeItDown: {
      name: 'Take It Down (NCMEC)',
      what: 'For images or videos taken before you were 18: the same protection, made for young people, free, without sending the images.',
      source: 'takeitdown.ncmec.org (National Center for Missing & Exploited Children).',
    },
    suicide3114: {
      name: '3114',
      what: 'France’s national suicide prevention line: free, confidential, answered by trained health professionals, 24 hours a day, every day.',
      source: '3114.fr (Ministry of Health), open since 1 October 2021.',
    },
    emergency112: {
      name: '112',
      what: 'The European emergency number: free, from any phone, 24 hours a day, anywhere in the European Union.',
      source: 'gouvernement.fr, “Le 112, le numéro d’urgence européen”, February 2023.',
    },
    moroccoEmergency: {
      name: 'Morocco: police 19',
      what: 'Police 19 (112 from a mobile phone), Royal Gendarmerie 177, ambulance and fire brigade 15.',
      source: 'Challenge.ma, “Maroc : ces numéros qu’il faut avoir en cas d’urgence”, August 2022.',
    },
    findAHelpline: {
      name: 'Find A Helpline',
      what: 'A directory of free, confidential helplines in your country, by phone, text or chat.',
      source: 'findahelpline.com.',
    },
  },
  fr: {
    cyber17: {
      name: '17Cyber',
      what: 'Le site d’aide de l’État contre la cybermalveillance : un diagnostic, les bons gestes, et un tchat avec un policier ou un gendarme, jour et nuit. Il vous oriente vers la plainte en ligne et PHAROS.',
      source:
        'Communiqué commun de la Police nationale, de la Gendarmerie et de Cybermalveillance.gouv.fr, 17 décembre 2024 (repris par lessor.org et le-meridien.fr).',
    },
    pharos: {
      name: 'PHAROS',
      what: 'La plateforme de la police pour signaler un contenu illégal public sur internet, par exemple si quelque chose vous concernant est publié.',
      source: 'internet-signalement.gouv.fr (ministère de l’Intérieur).',
    },
    thesee: {
      name: 'Plainte en ligne (THESEE)',
      what: 'Porter plainte en ligne pour une escroquerie ou une tentative d’extorsion sur internet, sans vous déplacer. 17Cyber vous y conduit.',
      source: 'commentcamarche.net et lessor.org, 2024.',
    },
    e3018: {
      name: '3018',
      what: 'Aide gratuite et anonyme pour les jeunes victimes de harcèlement ou de chantage en ligne, par téléphone (3018), tchat ou application. Ils peuvent faire retirer rapidement un contenu.',
      source: 'e-enfance.org (Association e-Enfance).',
    },
    eblagh: {
      name: 'E-Blagh',
      what: 'La plateforme de la Sûreté nationale marocaine (DGSN) pour signaler la cybercriminalité, dont le chantage sexuel. Le signalement peut être anonyme.',
      source: 'Communiqué de la DGSN, juin 2024, repris par Le Matin et Yabiladi.',
    },
    stopncii: {
      name: 'StopNCII.org',
      what: 'Pour les adultes : calcule sur votre appareil l’empreinte de vos images intimes et ne partage que ces empreintes avec les plateformes partenaires, qui peuvent alors bloquer les copies.',
      source: 'stopncii.org.',
    },
    takeItDown: {
      name: 'Take It Down (NCMEC)',
      what: 'Pour les images ou vidéos prises avant vos 18 ans : la même protection, pensée pour les jeunes, gratuite, sans envoyer les images.',
      source:
        'takeitdown.ncmec.org (National Center for Missing & Exploited Children, le centre américain pour les enfants disparus et exploités).',
    },
    suicide3114: {
      name: '3114',
      what: 'Le numéro national de prévention du suicide : gratuit, confidentiel, des professionnels de santé formés vous répondent 24 h/24, 7 j/7.',
      source: '3114.fr (ministère de la Santé), ouvert depuis le 1er octobre 2021.',
    },
    emergency112: {
      name: '112',
      what: 'Le numéro d’urgence européen : gratuit, depuis n’importe quel téléphone, 24 h/24, partout dans l’Union européenne.',
      source: 'gouvernement.fr, « Le 112, le numéro d’urgence européen », février 2023.',
    },
    moroccoEmergency: {
      name: 'Maroc : police 19',
      what: 'Police 19 (112 depuis un portable), Gendarmerie royale 177, ambulances et pompiers 15.',
      source: 'Challenge.ma, « Maroc : ces numéros qu’il faut avoir en cas d’urgence », août 2022.',
    },
    findAHelpline: {
      name: 'Find A Helpline',
      what: 'Un annuaire des lignes d’écoute gratuites et confidentielles de votre pays, par téléphone, SMS ou tchat.',
      source: 'findahelpline.com.',
    },
  },
  ar: {
    cyber17: {
      name: '17Cyber',
      what: 'موقع المساعدة الحكومي الفرنسي ضد الجرائم الإلكترونية: تشخيص لحالتك، وما يجب فعله، ودردشة مع شرطي أو دركي ليلًا ونهارًا. يوجّهك إلى الشكاية عبر الإنترنت وإلى منصة PHAROS.',
      source:
        'بلاغ مشترك للشرطة الوطنية والدرك الوطني وموقع Cybermalveillance.gouv.fr، ‏17 ديسمبر 2024 (نقلته lessor.org وle-meridien.fr).',
    },
    pharos: {
      name: 'PHAROS',
      what: 'منصة الشرطة الفرنسية للتبليغ عن محتوى غير قانوني منشور علنًا على الإنترنت، مثلًا إذا نُشر شيء يخصك.',
      source: 'internet-signalement.gouv.fr (وزارة الداخلية الفرنسية).',
    },
    thesee: {
      name: 'الشكاية عبر الإنترنت (THESEE)',
      what: 'تقديم شكاية عبر الإنترنت بسبب احتيال أو محاولة ابتزاز إلكتروني، دون الذهاب إلى مركز الشرطة. يوصلك إليها موقع 17Cyber.',
      source: 'commentcamarche.net وlessor.org، ‏2024.',
    },
    e3018: {
      name: '3018',
      what: 'مساعدة مجانية ومجهولة الهوية للشباب الذين يتعرضون للتحرش أو الابتزاز على الإنترنت، عبر الهاتف (3018) أو الدردشة أو التطبيق. يمكنهم العمل على حذف المحتوى بسرعة.',
      source: 'e-enfance.org (جمعية e-Enfance).',
    },
    eblagh: {
      name: 'إبلاغ (E-Blagh)',
      what: 'منصة المديرية العامة للأمن الوطني بالمغرب للتبليغ عن الجرائم الإلكترونية، ومنها الابتزاز الجنسي. يمكن التبليغ دون الكشف عن هويتك.',
      source: 'بلاغ المديرية العامة للأمن الوطني، يونيو 2024، نقلته Le Matin وYabiladi.',
    },
    stopncii: {
      name: 'StopNCII.org',
      what: 'للبالغين: يحسب بصمة صورك الحميمة على جهازك ولا يرسل سوى هذه البصمات إلى المنصات الشريكة لتتمكن من حجب النسخ.',
      source: 'stopncii.org.',
    },
    takeItDown: {
      name: 'Take It Down (NCMEC)',
      what: 'للصور أو الفيديوهات الملتقطة قبل بلوغك 18 سنة: الحماية نفسها، مصممة للشباب، مجانية، ودون إرسال الصور.',
      source: 'takeitdown.ncmec.org (المركز الوطني الأمريكي للأطفال المفقودين والمستغَلين).',
    },
    suicide3114: {
      name: '3114',
      what: 'الرقم الوطني الفرنسي للوقاية من الانتحار: مجاني وسري، يجيب عليه مختصون صحيون مدربون على مدار الساعة طوال الأسبوع.',
      source: '3114.fr (وزارة الصحة الفرنسية)، يعمل منذ 1 أكتوبر 2021.',
    },
    emergency112: {
      name: '112',
      what: 'رقم الطوارئ الأوروبي: مجاني من أي هاتف، على مدار الساعة، في كل دول الاتحاد الأوروبي.',
      source: 'gouvernement.fr، «الرقم 112، رقم الطوارئ الأوروبي»، فبراير 2023.',
    },
    moroccoEmergency: {
      name: 'المغرب: الشرطة 19',
      what: 'الشرطة 19 (أو 112 من الهاتف المحمول)، الدرك الملكي 177، الإسعاف والوقاية المدنية 15.',
      source: 'Challenge.ma، «المغرب: الأرقام التي يجب أن تكون لديك في حالة الطوارئ»، أغسطس 2022.',
    },
    findAHelpline: {
      name: 'Find A Helpline',
      what: 'دليل لخطوط الدعم المجانية والسرية في بلدك، عبر الهاتف أو الرسائل أو الدردشة.',
      source: 'findahelpline.com.',
    },
  },
});
