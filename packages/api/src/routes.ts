/**
 * The routes of the API: method, path, who may call it, what it takes and returns, and which errors
 * it answers. The server registers these, the client calls them and the OpenAPI document lists them,
 * so the three cannot drift apart.
 */
import type { z } from 'zod';
import { consoleRoutes } from './console/routes.ts';
import type { StaffRole } from './console/staff-schemas.ts';
import type { ErrorCode } from './errors.ts';
import {
  AddSignalsRequest,
  AddSignalsResponse,
  BankSignalsRequest,
  BankSignalsResponse,
  BanksResponse,
  BankWithdrawRequest,
  BankWithdrawResponse,
  CaseView,
  ChangesQuery,
  ChangesResponse,
  CreateCaseRequest,
  CreateCaseResponse,
  EvidenceList,
  FeedbackRequest,
  FeedbackResponse,
  HealthResponse,
  MatchRequest,
  MatchResponse,
  QuarantineResponse,
  ReviewRequest,
  ReviewResponse,
  TriageRequest,
  TriageResponse,
  UpdateBankRequest,
  WithdrawRequest,
  WithdrawResponse,
  Bank,
  MAX_EVIDENCE_BYTES,
  StoredEvidence,
  type Scope,
} from './schemas.ts';

/**
 * Who may call a route: anyone, the holder of a case's PIN, a platform key with a scope, or a
 * signed-in staff member with one of the roles (session cookie; CSRF token on changes).
 */
export type RouteAuth =
  'none' | 'pin' | { readonly scope: Scope } | { readonly roles: readonly StaffRole[] };

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify-style path: `:name` is a path parameter. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: 'victims' | 'platforms' | 'curation' | 'service' | 'console';
  readonly auth: RouteAuth;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly status: number;
  /** The JSON answer; absent when the route answers bytes (`bytes.response`) or nothing (204). */
  readonly response?: z.ZodType;
  /**
   * Routes that carry bytes instead of JSON (the evidence locker's sealed items): the request is
   * `application/octet-stream` of at most `maxBytes`, and/or so is the answer.
   */
  readonly bytes?: { readonly request?: { readonly maxBytes: number }; readonly response?: true };
  readonly errors: readonly ErrorCode[];
}

const bodyErrors = [
  'invalid_json',
  'invalid_request',
  'unknown_field',
  'body_too_large',
  'unsupported_media_type',
] as const satisfies readonly ErrorCode[];
const signalErrors = [
  'no_signals',
  'too_many_signals',
  'unknown_signal_type',
  'invalid_pdq',
  'invalid_vpdq',
  'invalid_md5',
  'invalid_sha256',
] as const satisfies readonly ErrorCode[];
const submissionErrors = [
  ...signalErrors,
  'invalid_quality',
  'pdq_low_quality',
] as const satisfies readonly ErrorCode[];
const pinErrors = [
  'invalid_case_number',
  'missing_pin',
  'wrong_pin',
  'case_not_found',
  'case_locked',
] as const satisfies readonly ErrorCode[];
const keyErrors = [
  'missing_api_key',
  'invalid_api_key',
  'insufficient_scope',
] as const satisfies readonly ErrorCode[];

export const routes = {
  createCase: {
    method: 'POST',
    path: '/api/v1/cases',
    summary: "Open a case with hashes computed on the victim's device",
    description:
      'Returns a case number and a PIN, shown once. Asks for nothing that identifies the victim, and accepts no media: only hashes.',
    tag: 'victims',
    auth: 'none',
    body: CreateCaseRequest,
    status: 201,
    response: CreateCaseResponse,
    errors: [...bodyErrors, ...submissionErrors, 'rate_limited'],
  },
  getCase: {
    method: 'GET',
    path: '/api/v1/cases/:caseNumber',
    summary: 'Follow a case: its signals and what platforms did',
    tag: 'victims',
    auth: 'pin',
    status: 200,
    response: CaseView,
    errors: [...pinErrors, 'rate_limited'],
  },
  addSignals: {
    method: 'POST',
    path: '/api/v1/cases/:caseNumber/signals',
    summary: 'Add hashes to a case',
    tag: 'victims',
    auth: 'pin',
    body: AddSignalsRequest,
    status: 201,
    response: AddSignalsResponse,
    errors: [
      ...bodyErrors,
      ...submissionErrors,
      ...pinErrors,
      'case_withdrawn',
      'case_full',
      'rate_limited',
    ],
  },
  withdraw: {
    method: 'POST',
    path: '/api/v1/cases/:caseNumber/withdraw',
    summary: 'Withdraw some signals of a case, or the whole case',
    description:
      'A withdrawn signal stops matching at once and a withdraw change is published to platforms.',
    tag: 'victims',
    auth: 'pin',
    body: WithdrawRequest,
    status: 200,
    response: WithdrawResponse,
    errors: [...bodyErrors, ...pinErrors, 'invalid_signal_id', 'signal_not_found', 'rate_limited'],
  },
  storeEvidence: {
    method: 'POST',
    path: '/api/v1/cases/:caseNumber/evidence',
    summary: "Keep an evidence item, sealed in the victim's browser, with the case",
    description:
      'The body is one item sealed by the portal (it starts with "AMEV" and a version byte; the rest is ciphertext the server cannot read), as application/octet-stream. The server encrypts it again with its own keys before storing it.',
    tag: 'victims',
    auth: 'pin',
    bytes: { request: { maxBytes: MAX_EVIDENCE_BYTES } },
    status: 201,
    response: StoredEvidence,
    errors: [
      'invalid_evidence',
      'body_too_large',
      'unsupported_media_type',
      ...pinErrors,
      'case_withdrawn',
      'case_full',
      'rate_limited',
    ],
  },
  listEvidence: {
    method: 'GET',
    path: '/api/v1/cases/:caseNumber/evidence',
    summary: "The case's evidence items, oldest first",
    tag: 'victims',
    auth: 'pin',
    status: 200,
    response: EvidenceList,
    errors: [...pinErrors, 'rate_limited'],
  },
  getEvidence: {
    method: 'GET',
    path: '/api/v1/cases/:caseNumber/evidence/:evidenceId',
    summary: 'One evidence item: the sealed bytes exactly as the portal sent them',
    tag: 'victims',
    auth: 'pin',
    bytes: { response: true },
    status: 200,
    errors: [...pinErrors, 'evidence_not_found', 'rate_limited'],
  },
  deleteEvidence: {
    method: 'DELETE',
    path: '/api/v1/cases/:caseNumber/evidence/:evidenceId',
    summary: 'Delete an evidence item',
    description: 'Gone from the database at once (SQLite overwrites the deleted bytes).',
    tag: 'victims',
    auth: 'pin',
    status: 204,
    errors: [...pinErrors, 'evidence_not_found', 'rate_limited'],
  },
  match: {
    method: 'POST',
    path: '/api/v1/match',
    summary: 'Match hashes against the banks',
    description:
      'Results are in the order of the signals sent. Matches name a signal id and a bank, never a case or anything about the victim.',
    tag: 'platforms',
    auth: { scope: 'match' },
    body: MatchRequest,
    status: 200,
    response: MatchResponse,
    errors: [...bodyErrors, ...signalErrors, ...keyErrors],
  },
  changes: {
    method: 'GET',
    path: '/api/v1/changes',
    summary: 'Read the change feed (signals added and withdrawn) from a cursor',
    tag: 'platforms',
    auth: { scope: 'changes' },
    query: ChangesQuery,
    status: 200,
    response: ChangesResponse,
    errors: ['invalid_request', 'unknown_field', 'invalid_cursor', 'invalid_limit', ...keyErrors],
  },
  feedback: {
    method: 'POST',
    path: '/api/v1/feedback',
    summary: 'Report what the platform did about a matched signal',
    description: 'The case holder sees the latest decision of each platform on each signal.',
    tag: 'platforms',
    auth: { scope: 'feedback' },
    body: FeedbackRequest,
    status: 200,
    response: FeedbackResponse,
    errors: [
      ...bodyErrors,
      'invalid_signal_id',
      'invalid_decision',
      'signal_not_found',
      ...keyErrors,
    ],
  },
  listBanks: {
    method: 'GET',
    path: '/api/v1/banks',
    summary: 'List the banks, their purposes and thresholds',
    tag: 'platforms',
    auth: { scope: 'match' },
    status: 200,
    response: BanksResponse,
    errors: [...keyErrors],
  },
  updateBank: {
    method: 'PATCH',
    path: '/api/v1/banks/:bank',
    summary: 'Change the match thresholds of a bank',
    tag: 'curation',
    auth: { scope: 'curate' },
    body: UpdateBankRequest,
    status: 200,
    response: Bank,
    errors: [...bodyErrors, 'invalid_thresholds', 'bank_not_found', ...keyErrors],
  },
  addBankSignals: {
    method: 'POST',
    path: '/api/v1/banks/:bank/signals',
    summary: 'Add signals to a lure or allow bank',
    description:
      "Victims' media reach the protect bank only through cases; this route fills the lure and allow banks.",
    tag: 'curation',
    auth: { scope: 'curate' },
    body: BankSignalsRequest,
    status: 201,
    response: BankSignalsResponse,
    errors: [
      ...bodyErrors,
      ...submissionErrors,
      'bank_not_found',
      'wrong_bank_purpose',
      ...keyErrors,
    ],
  },
  withdrawBankSignals: {
    method: 'POST',
    path: '/api/v1/banks/:bank/withdraw',
    summary: 'Withdraw signals from a lure or allow bank',
    tag: 'curation',
    auth: { scope: 'curate' },
    body: BankWithdrawRequest,
    status: 200,
    response: BankWithdrawResponse,
    errors: [
      ...bodyErrors,
      'invalid_signal_id',
      'bank_not_found',
      'wrong_bank_purpose',
      'signal_not_found',
      ...keyErrors,
    ],
  },
  listQuarantine: {
    method: 'GET',
    path: '/api/v1/review/quarantine',
    summary: 'List the signals flood control set aside for review',
    tag: 'curation',
    auth: { scope: 'review' },
    status: 200,
    response: QuarantineResponse,
    errors: [...keyErrors],
  },
  review: {
    method: 'POST',
    path: '/api/v1/review/signals/:id',
    summary: 'Release or reject a quarantined signal',
    tag: 'curation',
    auth: { scope: 'review' },
    body: ReviewRequest,
    status: 200,
    response: ReviewResponse,
    errors: [
      ...bodyErrors,
      'invalid_signal_id',
      'invalid_decision',
      'signal_not_found',
      'not_quarantined',
      ...keyErrors,
    ],
  },
  triage: {
    method: 'POST',
    path: '/api/v1/triage',
    summary: 'Triage a message from a blackmailer: is it a real threat, what to do now',
    description: 'The text is analysed in memory and never stored or logged.',
    tag: 'victims',
    auth: 'none',
    body: TriageRequest,
    status: 200,
    response: TriageResponse,
    errors: [...bodyErrors, 'invalid_text', 'rate_limited'],
  },
  health: {
    method: 'GET',
    path: '/api/health',
    summary: 'Is the server up, and how far is its matcher',
    tag: 'service',
    auth: 'none',
    status: 200,
    response: HealthResponse,
    errors: [],
  },
  ...consoleRoutes,
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** `/api/v1/cases/:caseNumber` with `{ caseNumber: 'X' }` → `/api/v1/cases/X` (URL-encoded). */
export function routePath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
