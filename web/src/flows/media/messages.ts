import type { ErrorCode } from '@aman/api';
import { defineCatalog } from '../../i18n/catalog.ts';
import type { HashingErrorCode } from './hashing.ts';

/** Client-side failures that are not API error codes. */
type ClientFailure = 'network_error' | 'bad_response';

/** Strings shared by the screens that hash files and talk to the server (protect, case). */
export const mediaMessages = defineCatalog<{
  chooseLabel: string;
  chooseButton: string;
  chooseHint: string;
  onDevice: string;
  fileCount: (count: number) => string;
  waiting: string;
  hashing: (percent: string) => string;
  hashed: string;
  tooFlat: string;
  cancelled: string;
  failures: Record<HashingErrorCode, string>;
  image: string;
  video: string;
  cancel: string;
  remove: (name: string) => string;
  progressLabel: (name: string) => string;
  allDone: (count: number) => string;
  apiErrors: Partial<Record<ErrorCode | ClientFailure, string>>;
  apiErrorDefault: string;
  lockedFor: (minutes: number) => string;
  signalTypes: Record<'pdq' | 'vpdq' | 'md5' | 'sha256', string>;
}>({
  en: {
    chooseLabel: 'Choose the video or photos',
    chooseButton: 'Choose files',
    chooseHint:
      'They are read on this device to compute their fingerprints. They are not uploaded, not even to Aman.',
    onDevice: 'Your files never leave this device. Only their fingerprints (hashes) are sent.',
    fileCount: (count) => (count === 1 ? '1 file' : `${count} files`),
    waiting: 'Waiting',
    hashing: (percent) => `Computing fingerprint… ${percent}`,
    hashed: 'Fingerprint ready',
    tooFlat:
      'This picture is too plain (too dark, too flat or too small) to be recognised reliably, so it will not be sent. Try another photo or the video itself.',
    cancelled: 'Cancelled',
    failures: {
      unsupported:
        'This file is not an image or video this browser can open. Try another format (JPEG, PNG, MP4, WebM).',
      'video-unsupported':
        'This browser cannot play this video format (videos from iPhones often use HEVC). Try Safari on an iPhone, or another browser.',
      'too-large': 'This image is too large to be read on this device.',
      corrupt: 'This file seems damaged and could not be read.',
      failed: 'The fingerprint could not be computed. Try again, or try another browser.',
    },
    image: 'Photo',
    video: 'Video',
    cancel: 'Cancel',
    remove: (name) => `Remove ${name}`,
    progressLabel: (name) => `Progress for ${name}`,
    allDone: (count) =>
      count === 1 ? 'The fingerprint is ready.' : `All ${count} fingerprints are ready.`,
    apiErrors: {
      wrong_pin: 'This case number and PIN do not match. Check them and try again.',
      missing_pin: 'Enter your PIN.',
      case_not_found: 'This case number and PIN do not match. Check them and try again.',
      invalid_case_number: 'A case number has 16 letters and digits, like 7KQM-4XZD-9H2P-R3TA.',
      case_withdrawn: 'This case was withdrawn: it no longer takes new files.',
      case_full: 'This case holds as many fingerprints as a case can. Open a new case for more.',
      pdq_low_quality: 'One of the pictures is too plain to be recognised reliably.',
      rate_limited: 'Too many attempts from this connection. Wait a little and try again.',
      body_too_large: 'Too much at once. Send fewer files at a time.',
      network_error: 'Aman could not be reached. Check your connection and try again.',
      unavailable: 'Aman is restarting. Try again in a minute.',
    },
    apiErrorDefault: 'Something went wrong on Aman’s side. Nothing was changed; try again.',
    lockedFor: (minutes) =>
      `Too many wrong PINs: this case is locked for about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. This protects it from anyone guessing.`,
    signalTypes: {
      pdq: 'Photo fingerprint (PDQ)',
      vpdq: 'Video fingerprint (vPDQ)',
      md5: 'Exact file hash (MD5)',
      sha256: 'Exact file hash (SHA-256)',
    },
  },
  fr: {
    chooseLabel: 'Choisissez la vidéo ou les photos',
    chooseButton: 'Choisir des fichiers',
    chooseHint:
      'Elles sont lues sur cet appareil pour calculer leurs empreintes. Elles ne sont pas envoyées, pas même à Aman.',
    onDevice:
      'Vos fichiers ne quittent jamais cet appareil. Seules leurs empreintes (hashes) sont envoyées.',
    fileCount: (count) => (count <= 1 ? `${count} fichier` : `${count} fichiers`),
    waiting: 'En attente',
    hashing: (percent) => `Calcul de l’empreinte… ${percent}`,
    hashed: 'Empreinte prête',
    tooFlat:
      'Cette image est trop uniforme (trop sombre, trop plate ou trop petite) pour être reconnue de façon fiable : elle ne sera pas envoyée. Essayez une autre photo ou la vidéo elle-même.',
    cancelled: 'Annulé',
    failures: {
      unsupported:
        'Ce fichier n’est pas une image ou une vidéo que ce navigateur sait ouvrir. Essayez un autre format (JPEG, PNG, MP4, WebM).',
      'video-unsupported':
        'Ce navigateur ne sait pas lire ce format de vidéo (les vidéos d’iPhone sont souvent en HEVC). Essayez Safari sur un iPhone, ou un autre navigateur.',
      'too-large': 'Cette image est trop grande pour être lue sur cet appareil.',
      corrupt: 'Ce fichier semble abîmé et n’a pas pu être lu.',
      failed: 'L’empreinte n’a pas pu être calculée. Réessayez, ou essayez un autre navigateur.',
    },
    image: 'Photo',
    video: 'Vidéo',
    cancel: 'Annuler',
    remove: (name) => `Retirer ${name}`,
    progressLabel: (name) => `Progression pour ${name}`,
    allDone: (count) =>
      count <= 1 ? 'L’empreinte est prête.' : `Les ${count} empreintes sont prêtes.`,
    apiErrors: {
      wrong_pin:
        'Ce numéro de dossier et ce code PIN ne correspondent pas. Vérifiez-les et réessayez.',
      missing_pin: 'Saisissez votre code PIN.',
      case_not_found:
        'Ce numéro de dossier et ce code PIN ne correspondent pas. Vérifiez-les et réessayez.',
      invalid_case_number:
        'Un numéro de dossier compte 16 lettres et chiffres, par exemple 7KQM-4XZD-9H2P-R3TA.',
      case_withdrawn: 'Ce dossier a été retiré : il n’accepte plus de nouveaux fichiers.',
      case_full:
        'Ce dossier contient le maximum d’empreintes possible. Ouvrez un nouveau dossier pour en ajouter.',
      pdq_low_quality: 'Une des images est trop uniforme pour être reconnue de façon fiable.',
      rate_limited: 'Trop de tentatives depuis cette connexion. Patientez un peu et réessayez.',
      body_too_large: 'C’est trop d’un coup. Envoyez moins de fichiers à la fois.',
      network_error: 'Impossible de joindre Aman. Vérifiez votre connexion et réessayez.',
      unavailable: 'Aman redémarre. Réessayez dans une minute.',
    },
    apiErrorDefault: 'Un problème est survenu du côté d’Aman. Rien n’a été modifié ; réessayez.',
    lockedFor: (minutes) =>
      `Trop de codes PIN erronés : ce dossier est verrouillé pendant environ ${minutes} minute${minutes > 1 ? 's' : ''}. Cela le protège contre qui voudrait deviner.`,
    signalTypes: {
      pdq: 'Empreinte de photo (PDQ)',
      vpdq: 'Empreinte de vidéo (vPDQ)',
      md5: 'Empreinte exacte du fichier (MD5)',
      sha256: 'Empreinte exacte du fichier (SHA-256)',
    },
  },
  ar: {
    chooseLabel: 'اختر الفيديو أو الصور',
    chooseButton: 'اختر الملفات',
    chooseHint: 'تُقرأ على هذا الجهاز لحساب بصماتها. لا تُرفع إلى أي مكان، ولا حتى إلى أمان.',
    onDevice: 'ملفاتك لا تغادر هذا الجهاز أبدًا. لا تُرسل سوى بصماتها الرقمية.',
    fileCount: (count) =>
      count === 1
        ? 'ملف واحد'
        : count === 2
          ? 'ملفان'
          : count <= 10
            ? `${count} ملفات`
            : `${count} ملفًا`,
    waiting: 'في الانتظار',
    hashing: (percent) => `جارٍ حساب البصمة… ${percent}`,
    hashed: 'البصمة جاهزة',
    tooFlat:
      'هذه الصورة موحّدة أكثر من اللازم (مظلمة جدًا أو باهتة أو صغيرة) ولا يمكن التعرف عليها بشكل موثوق، لذلك لن تُرسل. جرّب صورة أخرى أو الفيديو نفسه.',
    cancelled: 'أُلغي',
    failures: {
      unsupported:
        'هذا الملف ليس صورة أو فيديو يستطيع هذا المتصفح فتحه. جرّب صيغة أخرى (JPEG، PNG، MP4، WebM).',
      'video-unsupported':
        'لا يستطيع هذا المتصفح تشغيل صيغة هذا الفيديو (فيديوهات الآيفون غالبًا بصيغة HEVC). جرّب متصفح Safari على الآيفون، أو متصفحًا آخر.',
      'too-large': 'هذه الصورة أكبر من أن تُقرأ على هذا الجهاز.',
      corrupt: 'يبدو أن هذا الملف تالف وتعذّرت قراءته.',
      failed: 'تعذّر حساب البصمة. حاول مرة أخرى، أو جرّب متصفحًا آخر.',
    },
    image: 'صورة',
    video: 'فيديو',
    cancel: 'إلغاء',
    remove: (name) => `إزالة ${name}`,
    progressLabel: (name) => `تقدّم المعالجة لـ ${name}`,
    allDone: (count) => (count === 1 ? 'البصمة جاهزة.' : `جميع البصمات (${count}) جاهزة.`),
    apiErrors: {
      wrong_pin: 'رقم الملف والرمز السري غير متطابقين. تحقّق منهما وحاول مرة أخرى.',
      missing_pin: 'أدخل رمزك السري.',
      case_not_found: 'رقم الملف والرمز السري غير متطابقين. تحقّق منهما وحاول مرة أخرى.',
      invalid_case_number: 'يتكون رقم الملف من 16 حرفًا ورقمًا، مثل 7KQM-4XZD-9H2P-R3TA.',
      case_withdrawn: 'تم سحب هذا الملف: لم يعد يقبل ملفات جديدة.',
      case_full: 'يحتوي هذا الملف على الحد الأقصى من البصمات. افتح ملفًا جديدًا لإضافة المزيد.',
      pdq_low_quality: 'إحدى الصور موحّدة أكثر من اللازم ولا يمكن التعرف عليها بشكل موثوق.',
      rate_limited: 'محاولات كثيرة من هذا الاتصال. انتظر قليلًا ثم حاول مرة أخرى.',
      body_too_large: 'هذا كثير دفعة واحدة. أرسل عددًا أقل من الملفات في كل مرة.',
      network_error: 'تعذّر الوصول إلى أمان. تحقّق من اتصالك وحاول مرة أخرى.',
      unavailable: 'أمان يعيد التشغيل. حاول مرة أخرى بعد دقيقة.',
    },
    apiErrorDefault: 'حدث خطأ من جهة أمان. لم يتغير أي شيء؛ حاول مرة أخرى.',
    lockedFor: (minutes) =>
      `رموز سرية خاطئة كثيرة: هذا الملف مقفل لمدة ${minutes} دقيقة تقريبًا. هذا يحميه من أي شخص يحاول التخمين.`,
    signalTypes: {
      pdq: 'بصمة صورة (PDQ)',
      vpdq: 'بصمة فيديو (vPDQ)',
      md5: 'بصمة الملف الدقيقة (MD5)',
      sha256: 'بصمة الملف الدقيقة (SHA-256)',
    },
  },
});
