/**
 * The request and response bodies of every route, as zod schemas. The server validates with them,
 * the client's types come from them, and the OpenAPI document is generated from them.
 *
 * Every object is strict: a field a route does not know is refused (`unknown_field`), so that no
 * route can be used to upload media or personal data.
 */
import type { TriageResult } from '@aman/triage';
import { z } from 'zod';
import { CASE_NUMBER_PATTERN } from './case-number.ts';
import { errorCodes, type ErrorCode } from './errors.ts';
import {
  COMPACT_FRAME,
  HEX_32,
  HEX_64,
  MAX_PDQ_THRESHOLD,
  MIN_PDQ_QUALITY,
  parseCompactFrame,
  SIGNAL_TYPES,
} from './signals.ts';

// In a browser the portal's CSP refuses eval. zod would probe for it (new Function) to compile
// fast parsers, and the refused probe is a CSP violation report on every page that validates:
// where there is a document, parse without compiling (the objects are small; nothing is lost).
if ('document' in globalThis) z.config({ jitless: true });

/** The schemas that have a name in the OpenAPI document (`#/components/schemas/<id>`). */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

/** The most signals one case request (create or add) carries; a victim rarely has more files. */
export const MAX_SIGNALS_PER_CASE_REQUEST = 100;
/** The most signals a case holds in all. */
export const MAX_SIGNALS_PER_CASE = 1000;
/** The most signals one match or bank request carries. */
export const MAX_SIGNALS_PER_BATCH = 1000;
/** The most frames one vPDQ value has: over 5 hours at one frame a second. */
export const MAX_VPDQ_FRAMES = 20_000;
/** The default and largest page of the change feed. */
export const DEFAULT_CHANGES_LIMIT = 1000;
export const MAX_CHANGES_LIMIT = 10_000;
/** The longest message the triage route reads. */
export const MAX_TRIAGE_TEXT = 20_000;

export const SCOPES = ['match', 'changes', 'feedback', 'curate', 'review', 'lookup'] as const;
/**
 * What a platform's API key may do: match, read the change feed, report, fill banks, review, look
 * up a blackmailer's identifier.
 */
export type Scope = (typeof SCOPES)[number];
/** The scopes a new platform gets unless told otherwise. */
export const DEFAULT_SCOPES: readonly Scope[] = ['match', 'changes', 'feedback'];

export const BANK_PURPOSES = ['protect', 'lure', 'allow'] as const;
/** protect: victims' media; lure: blackmailers' material; allow: known false positives. */
export type BankPurpose = (typeof BANK_PURPOSES)[number];

export const FEEDBACK_DECISIONS = ['PendingReview', 'Blocked', 'NotBlocked'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];

// ---------------------------------------------------------------------------------------------
// Signals

const quality = z
  .int({ error: 'a quality is an integer from 0 to 100' })
  .min(0, { error: 'a quality is an integer from 0 to 100' })
  .max(100, { error: 'a quality is an integer from 0 to 100' });
const pdqHex = z.string().regex(HEX_64, { error: 'a PDQ hash is 64 hex digits' });
const md5Hex = z.string().regex(HEX_32, { error: 'an MD5 hash is 32 hex digits' });
const sha256Hex = z.string().regex(HEX_64, { error: 'a SHA-256 hash is 64 hex digits' });

const compactFrame = z
  .string()
  .regex(COMPACT_FRAME, { error: 'a vPDQ frame is "pdqHex,quality,timestamp"' })
  .refine((text) => parseCompactFrame(text) !== undefined, {
    error: 'a vPDQ frame quality is at most 100',
  });
const frameObject = z.strictObject({
  pdq: pdqHex,
  quality,
  timestamp: z.number().min(0, { error: 'a frame timestamp is a number of seconds, 0 or more' }),
});
export const VpdqFrames = z
  .array(
    z.union([compactFrame, frameObject], {
      error:
        'a vPDQ frame is a "pdqHex,quality,timestamp" string or a {pdq, quality, timestamp} object',
    }),
    { error: 'a vPDQ value is a list of frames' },
  )
  .min(1, { error: 'a vPDQ value has at least one frame' })
  .max(MAX_VPDQ_FRAMES, { error: `a vPDQ value has at most ${MAX_VPDQ_FRAMES} frames` })
  .register(apiSchemas, {
    id: 'VpdqFrames',
    description:
      'The frames of a vPDQ hash, each either python-threatexchange\'s compact "pdqHex,quality,timestamp" string or a {pdq, quality, timestamp} object. Stored and shown as compact strings.',
  });

function frameQuality(frame: string | { quality: number }): number {
  return typeof frame === 'string' ? (parseCompactFrame(frame)?.quality ?? 0) : frame.quality;
}

/** A signal a victim (or a curator) submits: quality is checked, since a bad hash helps nobody. */
export const SignalSubmission = z
  .discriminatedUnion(
    'type',
    [
      z
        .strictObject({ type: z.literal('pdq'), value: pdqHex, quality: quality.optional() })
        .refine((signal) => signal.quality === undefined || signal.quality >= MIN_PDQ_QUALITY, {
          path: ['quality'],
          params: { code: 'pdq_low_quality' },
          error: `this PDQ hash has quality below ${MIN_PDQ_QUALITY}: the image is too flat or too small to be recognised reliably, so it would block unrelated images; try another photo or a frame of the video`,
        }),
      z
        .strictObject({ type: z.literal('vpdq'), value: VpdqFrames })
        .refine((signal) => signal.value.some((frame) => frameQuality(frame) >= MIN_PDQ_QUALITY), {
          path: ['value'],
          params: { code: 'pdq_low_quality' },
          error: `no frame of this vPDQ hash has quality ${MIN_PDQ_QUALITY} or more: the video is too dark or flat to be recognised reliably`,
        }),
      z.strictObject({ type: z.literal('md5'), value: md5Hex }),
      z.strictObject({ type: z.literal('sha256'), value: sha256Hex }),
    ],
    { error: `the signal type must be one of ${SIGNAL_TYPES.join(', ')}` },
  )
  .register(apiSchemas, {
    id: 'SignalSubmission',
    description: "A hash to protect. Never media: only hashes computed on the victim's device.",
  });
export type SignalSubmission = z.input<typeof SignalSubmission>;

/** A signal a platform asks about. */
export const SignalQuery = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('pdq'), value: pdqHex }),
      z.strictObject({ type: z.literal('vpdq'), value: VpdqFrames }),
      z.strictObject({ type: z.literal('md5'), value: md5Hex }),
      z.strictObject({ type: z.literal('sha256'), value: sha256Hex }),
    ],
    { error: `the signal type must be one of ${SIGNAL_TYPES.join(', ')}` },
  )
  .register(apiSchemas, { id: 'SignalQuery' });
export type SignalQuery = z.input<typeof SignalQuery>;

const signalId = z
  .int({ error: 'a signal id is a positive integer' })
  .positive({ error: 'a signal id is a positive integer' });
/** Canonical value: hex text, or for vPDQ the list of compact frames. */
const signalValue = z.union([z.string(), z.array(z.string())]);
const isoTime = z.iso.datetime();

export const SignalStatus = z
  .enum(['active', 'withdrawn', 'quarantined', 'rejected'])
  .register(apiSchemas, {
    id: 'SignalStatus',
    description:
      'active: matched by platforms. withdrawn: withdrawn by the case holder (or a curator). quarantined: matched by many platforms in a short time, set aside until a person reviews it. rejected: a reviewer decided it must not be matched.',
  });
export type SignalStatus = z.infer<typeof SignalStatus>;

export const CaseStatus = z.enum(['active', 'withdrawn']);
export type CaseStatus = z.infer<typeof CaseStatus>;

// ---------------------------------------------------------------------------------------------
// Victims: cases

const signalSubmissions = z
  .array(SignalSubmission, { error: 'signals is a list' })
  .min(1, { error: 'send at least one signal' })
  .max(MAX_SIGNALS_PER_CASE_REQUEST, {
    error: `send at most ${MAX_SIGNALS_PER_CASE_REQUEST} signals per request`,
  });

export const CreateCaseRequest = z
  .strictObject({ signals: signalSubmissions })
  .register(apiSchemas, { id: 'CreateCaseRequest' });
export type CreateCaseRequest = z.input<typeof CreateCaseRequest>;

export const CreateCaseResponse = z
  .object({
    caseNumber: z.string().regex(CASE_NUMBER_PATTERN),
    pin: z.string().regex(/^\d{5}-\d{5}$/),
  })
  .register(apiSchemas, {
    id: 'CreateCaseResponse',
    description: 'Shown once: the server keeps only an argon2id hash of the PIN.',
  });
export type CreateCaseResponse = z.infer<typeof CreateCaseResponse>;

export const CaseSignal = z
  .object({
    id: signalId,
    type: z.enum(SIGNAL_TYPES),
    value: signalValue,
    status: SignalStatus,
    createdAt: isoTime,
  })
  .register(apiSchemas, { id: 'CaseSignal' });
export type CaseSignal = z.infer<typeof CaseSignal>;

export const CaseFeedback = z
  .object({
    platform: z.string(),
    signalId,
    decision: z.enum(FEEDBACK_DECISIONS),
    at: isoTime,
  })
  .register(apiSchemas, {
    id: 'CaseFeedback',
    description: "A platform's latest decision about one of the case's signals.",
  });
export type CaseFeedback = z.infer<typeof CaseFeedback>;

export const CaseView = z
  .object({
    status: CaseStatus,
    createdAt: isoTime,
    signals: z.array(CaseSignal),
    feedback: z.array(CaseFeedback),
  })
  .register(apiSchemas, { id: 'CaseView' });
export type CaseView = z.infer<typeof CaseView>;

export const AddSignalsRequest = z
  .strictObject({ signals: signalSubmissions })
  .register(apiSchemas, { id: 'AddSignalsRequest' });
export type AddSignalsRequest = z.input<typeof AddSignalsRequest>;

export const AddSignalsResponse = z.object({ signals: z.array(CaseSignal) }).register(apiSchemas, {
  id: 'AddSignalsResponse',
  description: 'The signals sent, in order; one already in the case is returned, not duplicated.',
});
export type AddSignalsResponse = z.infer<typeof AddSignalsResponse>;

export const WithdrawRequest = z
  .strictObject({
    signalIds: z
      .array(signalId, { error: 'signalIds is a list of signal ids' })
      .min(1, { error: 'signalIds lists at least one id; send {} to withdraw everything' })
      .max(MAX_SIGNALS_PER_CASE, { error: `signalIds lists at most ${MAX_SIGNALS_PER_CASE} ids` })
      .optional(),
  })
  .register(apiSchemas, {
    id: 'WithdrawRequest',
    description: 'Without signalIds (or with no body), the whole case is withdrawn.',
  });
export type WithdrawRequest = z.input<typeof WithdrawRequest>;

export const WithdrawResponse = z
  .object({
    status: CaseStatus,
    withdrawn: z.array(signalId),
    evidenceDeleted: z
      .int()
      .min(0)
      .optional()
      .describe('Whole-case withdrawals: the evidence items deleted with the case.'),
    reportsDeleted: z
      .int()
      .min(0)
      .optional()
      .describe('Whole-case withdrawals: the messages added to the case, deleted with it.'),
  })
  .register(apiSchemas, {
    id: 'WithdrawResponse',
    description:
      'withdrawn: the ids this request withdrew (already withdrawn ones are not listed).',
  });
export type WithdrawResponse = z.infer<typeof WithdrawResponse>;

// ---------------------------------------------------------------------------------------------
// Platforms

export const MatchRequest = z
  .strictObject({
    signals: z
      .array(SignalQuery, { error: 'signals is a list' })
      .min(1, { error: 'send at least one signal' })
      .max(MAX_SIGNALS_PER_BATCH, {
        error: `send at most ${MAX_SIGNALS_PER_BATCH} signals per request`,
      }),
  })
  .register(apiSchemas, { id: 'MatchRequest' });
export type MatchRequest = z.input<typeof MatchRequest>;

export const Match = z
  .object({
    id: signalId,
    distance: z.int().min(0),
    bank: z.string(),
    queryMatchPercent: z.number().optional(),
    comparedMatchPercent: z.number().optional(),
  })
  .register(apiSchemas, {
    id: 'Match',
    description:
      "A signal in a bank within that bank's threshold. distance: Hamming distance (0 for md5/sha256; for vPDQ the largest distance among the matched frames). vPDQ matches also give the share of the query's distinct good frames that matched (queryMatchPercent) and of the banked video's (comparedMatchPercent). A match is a lead for a human reviewer, not a verdict.",
  });
export type Match = z.infer<typeof Match>;

export const MatchResponse = z
  .object({ results: z.array(z.object({ matches: z.array(Match) })) })
  .register(apiSchemas, {
    id: 'MatchResponse',
    description:
      'One result per signal sent, in the same order. A signal that matches the allow bank (known false positives) has no matches.',
  });
export type MatchResponse = z.infer<typeof MatchResponse>;

export const ChangesQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, { error: 'a cursor is the "cursor" of a previous response, or 0' })
    .optional(),
  limit: z.coerce
    .number({ error: `limit is an integer from 1 to ${MAX_CHANGES_LIMIT}` })
    .int({ error: `limit is an integer from 1 to ${MAX_CHANGES_LIMIT}` })
    .min(1, { error: `limit is an integer from 1 to ${MAX_CHANGES_LIMIT}` })
    .max(MAX_CHANGES_LIMIT, { error: `limit is an integer from 1 to ${MAX_CHANGES_LIMIT}` })
    .optional(),
});
export type ChangesQuery = z.input<typeof ChangesQuery>;

export const Change = z
  .object({
    seq: z.int().positive(),
    op: z.enum(['add', 'withdraw']),
    id: signalId,
    type: z.enum(SIGNAL_TYPES),
    value: signalValue,
    bank: z.string(),
    at: isoTime,
  })
  .register(apiSchemas, {
    id: 'Change',
    description:
      'add: the signal is now matched. withdraw: it no longer is (withdrawn by the case holder, quarantined by flood control, or rejected by a reviewer); drop it from your copy at once.',
  });
export type Change = z.infer<typeof Change>;

export const ChangesResponse = z
  .object({ changes: z.array(Change), cursor: z.string() })
  .register(apiSchemas, {
    id: 'ChangesResponse',
    description:
      'Changes in order of seq. Pass cursor back to read on; an empty page means you are up to date.',
  });
export type ChangesResponse = z.infer<typeof ChangesResponse>;

export const FeedbackRequest = z
  .strictObject({
    id: signalId,
    decision: z.enum(FEEDBACK_DECISIONS, {
      error: `decision is one of ${FEEDBACK_DECISIONS.join(', ')}`,
    }),
  })
  .register(apiSchemas, { id: 'FeedbackRequest' });
export type FeedbackRequest = z.input<typeof FeedbackRequest>;

export const FeedbackResponse = z
  .object({ id: signalId, decision: z.enum(FEEDBACK_DECISIONS), at: isoTime })
  .register(apiSchemas, {
    id: 'FeedbackResponse',
    description: 'The case holder sees the latest decision of each platform on each signal.',
  });
export type FeedbackResponse = z.infer<typeof FeedbackResponse>;

// ---------------------------------------------------------------------------------------------
// Banks, review

const threshold = z
  .int({ error: `a threshold is an integer from 0 to ${MAX_PDQ_THRESHOLD}` })
  .min(0, { error: `a threshold is an integer from 0 to ${MAX_PDQ_THRESHOLD}` })
  .max(MAX_PDQ_THRESHOLD, { error: `a threshold is an integer from 0 to ${MAX_PDQ_THRESHOLD}` });

export const BankThresholds = z.object({ pdq: threshold, vpdq: threshold }).register(apiSchemas, {
  id: 'BankThresholds',
  description:
    'The largest Hamming distance that counts as a match, per signal type (vpdq: per frame). md5 and sha256 match exactly.',
});
export type BankThresholds = z.infer<typeof BankThresholds>;

export const Bank = z
  .object({
    name: z.string(),
    purpose: z.enum(BANK_PURPOSES),
    thresholds: BankThresholds,
    signals: z.int().min(0),
  })
  .register(apiSchemas, { id: 'Bank', description: 'signals: how many active signals it holds.' });
export type Bank = z.infer<typeof Bank>;

export const BanksResponse = z
  .object({ banks: z.array(Bank) })
  .register(apiSchemas, { id: 'BanksResponse' });
export type BanksResponse = z.infer<typeof BanksResponse>;

export const UpdateBankRequest = z
  .strictObject({
    thresholds: z.strictObject({ pdq: threshold.optional(), vpdq: threshold.optional() }),
  })
  .register(apiSchemas, { id: 'UpdateBankRequest' });
export type UpdateBankRequest = z.input<typeof UpdateBankRequest>;

export const BankSignalsRequest = z
  .strictObject({
    signals: z
      .array(SignalSubmission, { error: 'signals is a list' })
      .min(1, { error: 'send at least one signal' })
      .max(MAX_SIGNALS_PER_BATCH, {
        error: `send at most ${MAX_SIGNALS_PER_BATCH} signals per request`,
      }),
  })
  .register(apiSchemas, { id: 'BankSignalsRequest' });
export type BankSignalsRequest = z.input<typeof BankSignalsRequest>;

export const BankSignal = z
  .object({
    id: signalId,
    type: z.enum(SIGNAL_TYPES),
    value: signalValue,
    status: SignalStatus,
    createdAt: isoTime,
  })
  .register(apiSchemas, { id: 'BankSignal' });
export type BankSignal = z.infer<typeof BankSignal>;

export const BankSignalsResponse = z
  .object({ signals: z.array(BankSignal) })
  .register(apiSchemas, { id: 'BankSignalsResponse' });
export type BankSignalsResponse = z.infer<typeof BankSignalsResponse>;

export const BankWithdrawRequest = z
  .strictObject({
    signalIds: z
      .array(signalId, { error: 'signalIds is a list of signal ids' })
      .min(1, { error: 'signalIds lists at least one id' })
      .max(MAX_SIGNALS_PER_BATCH, {
        error: `signalIds lists at most ${MAX_SIGNALS_PER_BATCH} ids`,
      }),
  })
  .register(apiSchemas, { id: 'BankWithdrawRequest' });
export type BankWithdrawRequest = z.input<typeof BankWithdrawRequest>;

export const BankWithdrawResponse = z
  .object({ withdrawn: z.array(signalId) })
  .register(apiSchemas, { id: 'BankWithdrawResponse' });
export type BankWithdrawResponse = z.infer<typeof BankWithdrawResponse>;

export const QuarantinedSignal = z
  .object({
    id: signalId,
    type: z.enum(SIGNAL_TYPES),
    value: signalValue,
    bank: z.string(),
    quarantinedAt: isoTime,
    platforms: z.int().min(0),
  })
  .register(apiSchemas, {
    id: 'QuarantinedSignal',
    description: 'platforms: how many distinct platforms matched it in the flood window.',
  });
export type QuarantinedSignal = z.infer<typeof QuarantinedSignal>;

export const QuarantineResponse = z
  .object({ signals: z.array(QuarantinedSignal) })
  .register(apiSchemas, { id: 'QuarantineResponse' });
export type QuarantineResponse = z.infer<typeof QuarantineResponse>;

export const REVIEW_DECISIONS = ['release', 'reject'] as const;
export const ReviewRequest = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS, {
      error: `decision is one of ${REVIEW_DECISIONS.join(', ')}`,
    }),
  })
  .register(apiSchemas, {
    id: 'ReviewRequest',
    description:
      'release: the signal matches again (and flood control leaves it alone from now on). reject: it never matches again.',
  });
export type ReviewRequest = z.input<typeof ReviewRequest>;

export const ReviewResponse = z
  .object({ id: signalId, status: SignalStatus })
  .register(apiSchemas, { id: 'ReviewResponse' });
export type ReviewResponse = z.infer<typeof ReviewResponse>;

// ---------------------------------------------------------------------------------------------
// Triage, service

export const TriageRequest = z
  .strictObject({
    text: z
      .string({ error: 'text is the message to triage' })
      .min(1, { error: 'text is the message to triage' })
      .max(MAX_TRIAGE_TEXT, { error: `text is at most ${MAX_TRIAGE_TEXT} characters` }),
  })
  .register(apiSchemas, {
    id: 'TriageRequest',
    description: 'A message the victim received. It is analysed in memory and never stored.',
  });
export type TriageRequest = z.input<typeof TriageRequest>;

const span = z.tuple([z.int().min(0), z.int().min(0)]).describe('[start, end) in UTF-16 units');
const localized = z.object({ fr: z.string(), ar: z.string(), en: z.string() });

/**
 * The analysis of @aman/triage (`TriageResult`), as the triage route answers it. The enumerations
 * (verdicts, cues, indicator types…) are @aman/triage's lists: see its types.ts.
 */
export const TriageResponse = z
  .object({
    verdict: z
      .string()
      .describe("@aman/triage VERDICTS: 'sextortion' | 'suspicious' | 'not-detected'"),
    family: z.string().nullable().describe('@aman/triage FAMILIES, or null'),
    confidence: z.number().min(0).max(1),
    language: z.string().describe('@aman/triage LANGUAGES'),
    reasons: z.array(
      z.object({ cue: z.string().describe('@aman/triage CUES'), span, explanation: localized }),
    ),
    indicators: z.array(
      z.object({
        type: z.string().describe('@aman/triage INDICATOR_TYPES'),
        value: z.string(),
        normalized: z.string(),
        valid: z.boolean(),
        span,
        country: z.string().optional(),
        service: z.string().optional(),
        currency: z.string().optional(),
        amount: z.number().optional(),
        invalidReason: z.string().optional(),
        city: z.string().optional().describe('the city of a money-transfer receiver, as written'),
      }),
    ),
    guidance: z.object({
      videoLikelyExists: z.boolean().nullable(),
      minorLikely: z.boolean(),
      advice: z.array(z.string().describe('@aman/triage ADVICE_KEYS')),
      summary: localized,
    }),
  })
  .register(apiSchemas, {
    id: 'TriageResponse',
    description:
      'Is the message sextortion, which kind, why (cues with their place in the text), the identifiers of the blackmailer it contains, and what to do.',
  });
export type TriageResponse = TriageResult;

export const HealthResponse = z
  .object({
    status: z.literal('ok'),
    store: z.enum(['sqlite', 'postgres']),
    signals: z.int().min(0),
    cursor: z.string(),
  })
  .register(apiSchemas, {
    id: 'HealthResponse',
    description: 'signals: active signals in the matcher; cursor: the last change it applied.',
  });
export type HealthResponse = z.infer<typeof HealthResponse>;

const errorCodeList = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];
export const ErrorResponse = z
  .object({ error: z.object({ code: z.enum(errorCodeList), message: z.string() }) })
  .register(apiSchemas, {
    id: 'ErrorResponse',
    description: 'Every error. code is stable (switch on it); message is for people.',
  });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

// ---------------------------------------------------------------------------------------------
// Evidence locker: items sealed in the victim's browser (web/src/flows/locker/crypto.ts)

/** The largest sealed item: a phone screenshot or a PDF receipt, with room to spare. */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;
/** A case holds at most this many items… */
export const MAX_EVIDENCE_ITEMS_PER_CASE = 200;
/** …and this many bytes in all, so that one case cannot fill the disk. */
export const MAX_EVIDENCE_BYTES_PER_CASE = 250 * 1024 * 1024;
/** A sealed item starts with "AMEV" and its version byte, 1; the rest is opaque to the server. */
export const EVIDENCE_MAGIC = [0x41, 0x4d, 0x45, 0x56] as const;
export const EVIDENCE_VERSION = 1;

export const StoredEvidence = z
  .object({
    id: z.string().describe('Opaque; names the item in this case.'),
    size: z.int().min(1).describe('Bytes of the sealed item.'),
    createdAt: isoTime.describe("The server's receipt time."),
  })
  .register(apiSchemas, {
    id: 'StoredEvidence',
    description:
      "An evidence item as the server knows it: its size and when it arrived. Its name, type, content and the time it was taken are inside the ciphertext, which only the case's PIN opens.",
  });
export type StoredEvidence = z.infer<typeof StoredEvidence>;

export const EvidenceList = z
  .object({ items: z.array(StoredEvidence) })
  .register(apiSchemas, { id: 'EvidenceList', description: 'Oldest first.' });
export type EvidenceList = z.infer<typeof EvidenceList>;
