/**
 * A typed client for the Aman API over `fetch`: the same code runs in Node (the CLI) and in the
 * browser (the web app).
 */
import type {
  AddReportRequest,
  CreateShareRequest,
  ReportsResponse,
  ReportView,
  SharesResponse,
  ShareView,
} from './console/case-schemas.ts';
import type { LookupResponse } from './console/intel-schemas.ts';
import type { HelplineDirectory } from './console/staff-schemas.ts';
import type { ApiErrorBody, ErrorCode } from './errors.ts';
import { isErrorCode } from './errors.ts';
import { routePath, routes, type RouteSpec } from './routes.ts';
import type {
  AddSignalsRequest,
  AddSignalsResponse,
  Bank,
  BankSignalsRequest,
  BankSignalsResponse,
  BanksResponse,
  BankWithdrawRequest,
  BankWithdrawResponse,
  CaseView,
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
  StoredEvidence,
  TriageRequest,
  TriageResponse,
  UpdateBankRequest,
  WithdrawRequest,
  WithdrawResponse,
} from './schemas.ts';

/** What a call gives: the response body, or the error with its HTTP status (0: no response). */
export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly error: ClientError };

/** An API error, or one of the client's own: `network_error` (no response), `bad_response`. */
export interface ClientError {
  readonly code: ErrorCode | 'network_error' | 'bad_response';
  readonly message: string;
  /** Seconds to wait, from Retry-After, on 429 answers. */
  readonly retryAfter?: number;
}

export interface AmanClientOptions {
  /** The server's origin, e.g. `http://localhost:8080` (a trailing slash is fine). */
  readonly baseUrl: string;
  /** A platform API key, for the platform routes. */
  readonly apiKey?: string;
  /** A fetch implementation; defaults to the global one. */
  readonly fetch?: typeof fetch;
}

/**
 * Calls the Aman API. Every method resolves to an `ApiResult` and never throws for an error answer
 * or a network failure.
 *
 * @example
 * const client = new AmanClient({ baseUrl: 'http://localhost:8080' });
 * const opened = await client.createCase({ signals: [{ type: 'pdq', value: hash, quality: 90 }] });
 * if (opened.ok) console.log(opened.value.caseNumber, opened.value.pin);
 *
 * const platform = new AmanClient({ baseUrl: 'http://localhost:8080', apiKey: 'aman_…' });
 * const found = await platform.match({ signals: [{ type: 'pdq', value: hash }] });
 */
export class AmanClient {
  readonly #baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: AmanClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    // Bound so that a browser's window.fetch is not called with the client as `this`.
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Opens a case; the PIN in the answer is shown once. */
  createCase(body: CreateCaseRequest): Promise<ApiResult<CreateCaseResponse>> {
    return this.#call(routes.createCase, { body });
  }

  /** A case's signals and the platforms' decisions. */
  getCase(caseNumber: string, pin: string): Promise<ApiResult<CaseView>> {
    return this.#call(routes.getCase, { params: { caseNumber }, pin });
  }

  /** Adds signals to a case. */
  addSignals(
    caseNumber: string,
    pin: string,
    body: AddSignalsRequest,
  ): Promise<ApiResult<AddSignalsResponse>> {
    return this.#call(routes.addSignals, { params: { caseNumber }, pin, body });
  }

  /** Withdraws the listed signals, or the whole case when `body` has no `signalIds`. */
  withdraw(
    caseNumber: string,
    pin: string,
    body: WithdrawRequest = {},
  ): Promise<ApiResult<WithdrawResponse>> {
    return this.#call(routes.withdraw, { params: { caseNumber }, pin, body });
  }

  /** Matches signals against the banks (platform key with the `match` scope). */
  match(body: MatchRequest): Promise<ApiResult<MatchResponse>> {
    return this.#call(routes.match, { body });
  }

  /** One page of the change feed after `cursor` ("0" or absent: from the start). */
  changes(query: { cursor?: string; limit?: number } = {}): Promise<ApiResult<ChangesResponse>> {
    const search = new URLSearchParams();
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    return this.#call(routes.changes, { search });
  }

  /** Reports what the platform did about a signal. */
  feedback(body: FeedbackRequest): Promise<ApiResult<FeedbackResponse>> {
    return this.#call(routes.feedback, { body });
  }

  /** The banks, their purposes and thresholds. */
  banks(): Promise<ApiResult<BanksResponse>> {
    return this.#call(routes.listBanks, {});
  }

  /** Changes a bank's thresholds (`curate` scope). */
  updateBank(bank: string, body: UpdateBankRequest): Promise<ApiResult<Bank>> {
    return this.#call(routes.updateBank, { params: { bank }, body });
  }

  /** Adds signals to a lure or allow bank (`curate` scope). */
  addBankSignals(bank: string, body: BankSignalsRequest): Promise<ApiResult<BankSignalsResponse>> {
    return this.#call(routes.addBankSignals, { params: { bank }, body });
  }

  /** Withdraws signals from a lure or allow bank (`curate` scope). */
  withdrawBankSignals(
    bank: string,
    body: BankWithdrawRequest,
  ): Promise<ApiResult<BankWithdrawResponse>> {
    return this.#call(routes.withdrawBankSignals, { params: { bank }, body });
  }

  /** Signals set aside by flood control (`review` scope). */
  quarantine(): Promise<ApiResult<QuarantineResponse>> {
    return this.#call(routes.listQuarantine, {});
  }

  /** Releases or rejects a quarantined signal (`review` scope). */
  review(id: number, body: ReviewRequest): Promise<ApiResult<ReviewResponse>> {
    return this.#call(routes.review, { params: { id }, body });
  }

  /** Triage of a message (analysed in memory, never stored): verdict, reasons, identifiers, plan. */
  triage(body: TriageRequest): Promise<ApiResult<TriageResponse>> {
    return this.#call(routes.triage, { body });
  }

  /** Keeps one item sealed by the portal (`AMEV` + version + ciphertext) with the case. */
  storeEvidence(
    caseNumber: string,
    pin: string,
    sealed: Uint8Array,
  ): Promise<ApiResult<StoredEvidence>> {
    return this.#call(routes.storeEvidence, { params: { caseNumber }, pin, bytes: sealed });
  }

  /** The case's evidence items, oldest first (ids, sizes, receipt times). */
  listEvidence(caseNumber: string, pin: string): Promise<ApiResult<EvidenceList>> {
    return this.#call(routes.listEvidence, { params: { caseNumber }, pin });
  }

  /** One item's sealed bytes, exactly as stored. */
  getEvidence(caseNumber: string, pin: string, evidenceId: string): Promise<ApiResult<Uint8Array>> {
    return this.#call(routes.getEvidence, { params: { caseNumber, evidenceId }, pin });
  }

  /** Deletes one item (204: the value is `undefined`). */
  deleteEvidence(
    caseNumber: string,
    pin: string,
    evidenceId: string,
  ): Promise<ApiResult<undefined>> {
    return this.#call(routes.deleteEvidence, { params: { caseNumber, evidenceId }, pin });
  }

  /** Liveness and how far the matcher is. */
  health(): Promise<ApiResult<HealthResponse>> {
    return this.#call(routes.health, {});
  }

  /** Adds a blackmailer's message to a case (triaged again and stored encrypted on the server). */
  addReport(
    caseNumber: string,
    pin: string,
    body: AddReportRequest,
  ): Promise<ApiResult<ReportView>> {
    return this.#call(routes.addReport, { params: { caseNumber }, pin, body });
  }

  /** The messages added to a case. */
  reports(caseNumber: string, pin: string): Promise<ApiResult<ReportsResponse>> {
    return this.#call(routes.listReports, { params: { caseNumber }, pin });
  }

  /** Takes a message back: deleted, and no longer linked (204: the value is `undefined`). */
  deleteReport(caseNumber: string, pin: string, reportId: number): Promise<ApiResult<undefined>> {
    return this.#call(routes.deleteReport, { params: { caseNumber, reportId }, pin });
  }

  /** The helplines a case can be shared with, and the public keys to encrypt for. */
  helplines(): Promise<ApiResult<HelplineDirectory>> {
    return this.#call(routes.listHelplines, {});
  }

  /** Shares a case with a helpline (the envelope is made by `sealShare` in the browser). */
  createShare(
    caseNumber: string,
    pin: string,
    body: CreateShareRequest,
  ): Promise<ApiResult<ShareView>> {
    return this.#call(routes.createShare, { params: { caseNumber }, pin, body });
  }

  /** The helplines the case is shared with. */
  shares(caseNumber: string, pin: string): Promise<ApiResult<SharesResponse>> {
    return this.#call(routes.listShares, { params: { caseNumber }, pin });
  }

  /** Takes a share back. */
  revokeShare(caseNumber: string, pin: string, shareId: number): Promise<ApiResult<ShareView>> {
    return this.#call(routes.revokeShare, { params: { caseNumber, shareId }, pin });
  }

  /** What Aman knows of a blackmailer's identifier (platform key with the `lookup` scope). */
  lookupIdentifier(type: string, value: string): Promise<ApiResult<LookupResponse>> {
    return this.#call(routes.lookupIdentifier, { search: new URLSearchParams({ type, value }) });
  }

  #call<T>(route: RouteSpec, request: ApiRequest): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (request.pin !== undefined) headers['x-case-pin'] = request.pin;
    if (typeof route.auth === 'object' && 'scope' in route.auth && this.#apiKey !== undefined) {
      headers['authorization'] = `Bearer ${this.#apiKey}`;
    }
    return callApi<T>({ baseUrl: this.#baseUrl, fetch: this.#fetch }, route, request, headers);
  }
}

/** The parts of a call that vary: path parameters, query, JSON body, PIN. */
export interface ApiRequest {
  readonly params?: Record<string, string | number>;
  readonly search?: URLSearchParams;
  readonly body?: unknown;
  /** A body of bytes (application/octet-stream) instead of JSON. */
  readonly bytes?: Uint8Array;
  readonly pin?: string;
}

/**
 * One call of a route of the table, answered as an `ApiResult` (never a rejection). The clients
 * (`AmanClient`, `ConsoleClient`) add their credentials as `headers`.
 *
 * @example
 * const result = await callApi({ baseUrl, fetch }, routes.health, {});
 */
export async function callApi<T>(
  transport: { readonly baseUrl: string; readonly fetch: typeof fetch },
  route: RouteSpec,
  request: ApiRequest,
  extraHeaders: Record<string, string> = {},
): Promise<ApiResult<T>> {
  const query = request.search?.toString() ?? '';
  const url = `${transport.baseUrl}${routePath(route.path, request.params)}${query === '' ? '' : `?${query}`}`;
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.bytes !== undefined) headers['content-type'] = 'application/octet-stream';
  let response: Response;
  try {
    response = await transport.fetch(url, {
      method: route.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(request.bytes === undefined
        ? {}
        : { body: request.bytes as unknown as NonNullable<RequestInit['body']> }),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      status: 0,
      error: { code: 'network_error', message: `could not reach ${transport.baseUrl}: ${reason}` },
    };
  }
  if (response.ok && response.status === 204) {
    return { ok: true, status: response.status, value: undefined as T };
  }
  if (response.ok && route.bytes?.response === true) {
    return {
      ok: true,
      status: response.status,
      value: new Uint8Array(await response.arrayBuffer()) as T,
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return {
      ok: false,
      status: response.status,
      error: {
        code: 'bad_response',
        message: `the server answered ${response.status} without a JSON body`,
      },
    };
  }
  if (response.ok) return { ok: true, status: response.status, value: body as T };
  return { ok: false, status: response.status, error: readError(body, response) };
}

function readError(body: unknown, response: Response): ClientError {
  const error = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  const extra = Number.isFinite(retryAfter) ? { retryAfter } : {};
  if (error !== undefined && isErrorCode(error.code) && typeof error.message === 'string') {
    return { code: error.code, message: error.message, ...extra };
  }
  return {
    code: 'bad_response',
    message: `the server answered ${response.status} without an error code`,
    ...extra,
  };
}
