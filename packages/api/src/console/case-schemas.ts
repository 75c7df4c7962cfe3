/**
 * What victims add to their case for the console (triaged messages, "reports"), how they share a
 * case with a helpline (consent shares, end-to-end encrypted in the browser), and what the
 * helpline then works with (case list, notes, status, assignment).
 */
import { z } from 'zod';
import { CaseFeedback, CaseSignal, CaseStatus, apiSchemas } from '../schemas.ts';
import { HEX_64 } from '../signals.ts';
import { PublicKeyJwk } from './staff-schemas.ts';

export const MAX_REPORT_TEXT = 20_000;
export const MAX_LURE_HASHES = 20;
export const MAX_NOTE_TEXT = 10_000;
/** The largest share ciphertext (base64url characters): about 1.9 MB of content. */
export const MAX_SHARE_CIPHERTEXT = 2_600_000;
export const MAX_SHARE_RECIPIENTS = 200;

const id = z.int().positive();
const isoTime = z.iso.datetime();
const b64 = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, { error: `${what} is base64url text` })
    .min(min, { error: `${what} is at least ${min} characters` })
    .max(max, { error: `${what} is at most ${max} characters` });

// ---------------------------------------------------------------------------------------------
// Reports: a triaged message added to a case

export const AddReportRequest = z
  .strictObject({
    text: z
      .string({ error: 'text is the message the blackmailer sent' })
      .min(1, { error: 'text is the message the blackmailer sent' })
      .max(MAX_REPORT_TEXT, { error: `text is at most ${MAX_REPORT_TEXT} characters` }),
    /** PDQ hashes of the blackmailer's lure pictures (profile photo, video frames), hashed on the device. */
    lureHashes: z
      .array(z.string().regex(HEX_64, { error: 'a lure hash is a PDQ hash: 64 hex digits' }))
      .max(MAX_LURE_HASHES, { error: `at most ${MAX_LURE_HASHES} lure hashes` })
      .optional(),
  })
  .register(apiSchemas, {
    id: 'AddReportRequest',
    description:
      "A message the victim received, added to their case. The server triages it again, stores the text encrypted at rest and links the blackmailer's identifiers with other victims' reports.",
  });
export type AddReportRequest = z.input<typeof AddReportRequest>;

export const ReportIdentifier = z
  .object({ type: z.string(), value: z.string(), normalized: z.string(), valid: z.boolean() })
  .register(apiSchemas, { id: 'ReportIdentifier' });
export type ReportIdentifier = z.infer<typeof ReportIdentifier>;

export const ReportView = z
  .object({
    id,
    receivedAt: isoTime,
    verdict: z.string(),
    family: z.string().nullable(),
    text: z.string(),
    identifiers: z.array(ReportIdentifier),
  })
  .register(apiSchemas, { id: 'ReportView' });
export type ReportView = z.infer<typeof ReportView>;

export const ReportsResponse = z
  .object({ reports: z.array(ReportView) })
  .register(apiSchemas, { id: 'ReportsResponse' });
export type ReportsResponse = z.infer<typeof ReportsResponse>;

// ---------------------------------------------------------------------------------------------
// Consent shares

/** The share key K wrapped for one helpline member: ECDH(ephemeral, member) → HKDF → AES-GCM(K). */
export const WrappedShareKey = z
  .strictObject({
    staffId: id,
    epk: PublicKeyJwk,
    iv: b64('iv', 16, 16),
    wrappedKey: b64('wrappedKey', 64, 64),
  })
  .register(apiSchemas, {
    id: 'WrappedShareKey',
    description:
      "The share's AES-256 key, encrypted for one helpline member: an ephemeral ECDH P-256 key (epk) with the member's public key, HKDF-SHA-256, AES-256-GCM. See docs/CONSENT.md.",
  });
export type WrappedShareKey = z.infer<typeof WrappedShareKey>;

export const ShareEnvelope = z
  .strictObject({
    v: z.literal(1),
    iv: b64('iv', 16, 16),
    ciphertext: b64('ciphertext', 24, MAX_SHARE_CIPHERTEXT),
    keys: z
      .array(WrappedShareKey)
      .min(1, { error: 'a share is encrypted for at least one helpline member' })
      .max(MAX_SHARE_RECIPIENTS),
  })
  .register(apiSchemas, {
    id: 'ShareEnvelope',
    description:
      "What the victim's browser encrypted for the helpline: AES-256-GCM of the shared content (messages, evidence, the victim's note) under a random key, and that key wrapped for each member. The server relays it and cannot read it.",
  });
export type ShareEnvelope = z.input<typeof ShareEnvelope>;

export const CreateShareRequest = z
  .strictObject({ helplineId: id, envelope: ShareEnvelope })
  .register(apiSchemas, { id: 'CreateShareRequest' });
export type CreateShareRequest = z.input<typeof CreateShareRequest>;

export const SHARE_STATUSES = ['new', 'in-progress', 'closed'] as const;
export type ShareStatus = (typeof SHARE_STATUSES)[number];

export const ShareView = z
  .object({
    id,
    helpline: z.object({ id, name: z.string() }),
    createdAt: isoTime,
    revokedAt: isoTime.nullable(),
  })
  .register(apiSchemas, {
    id: 'ShareView',
    description: 'A helpline this case is shared with. revokedAt: when the victim took it back.',
  });
export type ShareView = z.infer<typeof ShareView>;

export const SharesResponse = z
  .object({ shares: z.array(ShareView) })
  .register(apiSchemas, { id: 'SharesResponse' });
export type SharesResponse = z.infer<typeof SharesResponse>;

// ---------------------------------------------------------------------------------------------
// The helpline's side

const staffRef = z.object({ id, name: z.string() });

export const HelplineCaseSummary = z
  .object({
    shareId: id,
    caseNumber: z.string(),
    sharedAt: isoTime,
    status: z.enum(SHARE_STATUSES),
    assignee: staffRef.nullable(),
    reports: z.int().min(0),
    signals: z.int().min(0),
    /** The networks its reports belong to, with their number of victims. */
    networks: z.array(z.object({ id: z.string(), victims: z.int().min(0) })),
    /** True when the signed-in member holds a key to the encrypted part. */
    canRead: z.boolean(),
    synthetic: z.boolean(),
  })
  .register(apiSchemas, { id: 'HelplineCaseSummary' });
export type HelplineCaseSummary = z.infer<typeof HelplineCaseSummary>;

export const HelplineCasesResponse = z
  .object({ cases: z.array(HelplineCaseSummary) })
  .register(apiSchemas, { id: 'HelplineCasesResponse' });
export type HelplineCasesResponse = z.infer<typeof HelplineCasesResponse>;

export const CaseNote = z
  .object({ id, author: staffRef, text: z.string(), createdAt: isoTime })
  .register(apiSchemas, { id: 'CaseNote' });
export type CaseNote = z.infer<typeof CaseNote>;

export const HelplineCaseDetail = z
  .object({
    summary: HelplineCaseSummary,
    case: z.object({
      status: CaseStatus,
      createdAt: isoTime,
      signals: z.array(CaseSignal),
      feedback: z.array(CaseFeedback),
    }),
    reports: z.array(ReportView.extend({ network: z.string().nullable() })),
    /** The encrypted part, with the signed-in member's wrapped key (null: none for them yet). */
    envelope: z.object({
      v: z.literal(1),
      iv: z.string(),
      ciphertext: z.string(),
      key: WrappedShareKey.nullable(),
    }),
    notes: z.array(CaseNote),
  })
  .register(apiSchemas, { id: 'HelplineCaseDetail' });
export type HelplineCaseDetail = z.infer<typeof HelplineCaseDetail>;

export const UpdateHelplineCaseRequest = z
  .strictObject({
    status: z
      .enum(SHARE_STATUSES, { error: `status is one of ${SHARE_STATUSES.join(', ')}` })
      .optional(),
    /** A colleague at the same helpline, or null to unassign. */
    assigneeId: id.nullable().optional(),
    /** The share key wrapped for a colleague who has none yet (made in the assigner's browser). */
    grant: WrappedShareKey.optional(),
  })
  .register(apiSchemas, { id: 'UpdateHelplineCaseRequest' });
export type UpdateHelplineCaseRequest = z.input<typeof UpdateHelplineCaseRequest>;

export const AddNoteRequest = z
  .strictObject({
    text: z
      .string({ error: 'text is the note' })
      .trim()
      .min(1, { error: 'text is the note' })
      .max(MAX_NOTE_TEXT, { error: `a note is at most ${MAX_NOTE_TEXT} characters` }),
  })
  .register(apiSchemas, { id: 'AddNoteRequest', description: 'Stored encrypted at rest.' });
export type AddNoteRequest = z.input<typeof AddNoteRequest>;

export const HelplineMembersResponse = z
  .object({
    members: z.array(z.object({ id, name: z.string(), publicKey: PublicKeyJwk.nullable() })),
  })
  .register(apiSchemas, { id: 'HelplineMembersResponse' });
export type HelplineMembersResponse = z.infer<typeof HelplineMembersResponse>;
