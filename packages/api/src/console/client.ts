/**
 * A typed client for the console's staff routes. In the browser the session cookie travels by
 * itself (same origin, HttpOnly); in Node, `rememberCookies` keeps it the way a browser would.
 * The CSRF token of the session is remembered from the sign-in answer and sent on every change.
 */
import { callApi, type ApiRequest, type ApiResult } from '../client.ts';
import { routes, type RouteName, type RouteSpec } from '../routes.ts';
import type { Bank } from '../schemas.ts';
import type {
  AddNoteRequest,
  CaseNote,
  HelplineCaseDetail,
  HelplineCasesResponse,
  HelplineCaseSummary,
  HelplineMembersResponse,
  UpdateHelplineCaseRequest,
} from './case-schemas.ts';
import type {
  AddSafelistRequest,
  ExportDocument,
  GraphView,
  HubsResponse,
  NetworkSummaryView,
  NetworksResponse,
  RemoveSafelistRequest,
  SafelistEntryView,
  SafelistResponse,
  TrendsView,
} from './intel-schemas.ts';
import type {
  ApiKeyView,
  ConsoleBanksResponse,
  CreatePlatformRequest,
  IssuedApiKey,
  PlatformOverview,
  PlatformsResponse,
  UpdateThresholdsRequest,
} from './platform-schemas.ts';
import type {
  ChangePasswordRequest,
  CreateStaffRequest,
  LoginRequest,
  OkResponse,
  SessionResponse,
  SetupLinkResponse,
  SetupRequest,
  StaffListResponse,
  StaffView,
  TotpEnrolment,
  TotpStatus,
} from './staff-schemas.ts';

export interface ConsoleClientOptions {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Keep the session cookie from Set-Cookie and send it back (Node; browsers do it themselves). */
  readonly rememberCookies?: boolean;
}

/**
 * @example
 * const staff = new ConsoleClient({ baseUrl: location.origin });
 * const signedIn = await staff.login({ name: 'amina', password });
 * if (signedIn.ok) console.log((await staff.helplineCases()).ok);
 */
export class ConsoleClient {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #cookies = new Map<string, string>();
  #csrfToken: string | undefined;

  constructor(options: ConsoleClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    const base = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#fetch = options.rememberCookies === true ? this.#withCookies(base) : base;
  }

  /** The CSRF token of the current session (set by login, setup and me). */
  get csrfToken(): string | undefined {
    return this.#csrfToken;
  }

  login(body: LoginRequest) {
    return this.#session(this.call<SessionResponse>('staffLogin', { body }));
  }
  setup(body: SetupRequest) {
    return this.#session(this.call<SessionResponse>('staffSetup', { body }));
  }
  me() {
    return this.#session(this.call<SessionResponse>('staffMe', {}));
  }
  async logout(): Promise<ApiResult<OkResponse>> {
    const result = await this.call<OkResponse>('staffLogout', {});
    if (result.ok) this.#csrfToken = undefined;
    return result;
  }
  changePassword(body: ChangePasswordRequest) {
    return this.call<OkResponse>('changePassword', { body });
  }
  beginTotp() {
    return this.call<TotpEnrolment>('beginTotp', {});
  }
  confirmTotp(code: string) {
    return this.call<TotpStatus>('confirmTotp', { body: { code } });
  }
  disableTotp(code: string) {
    return this.call<TotpStatus>('disableTotp', { body: { code } });
  }
  staff() {
    return this.call<StaffListResponse>('listStaff', {});
  }
  createStaff(body: CreateStaffRequest) {
    return this.call<SetupLinkResponse>('createStaff', { body });
  }
  resetStaff(staffId: number) {
    return this.call<SetupLinkResponse>('resetStaff', { params: { staffId } });
  }
  disableStaff(staffId: number) {
    return this.call<StaffView>('disableStaff', { params: { staffId } });
  }

  helplineCases() {
    return this.call<HelplineCasesResponse>('helplineCases', {});
  }
  helplineCase(shareId: number) {
    return this.call<HelplineCaseDetail>('helplineCase', { params: { shareId } });
  }
  updateHelplineCase(shareId: number, body: UpdateHelplineCaseRequest) {
    return this.call<HelplineCaseSummary>('updateHelplineCase', { params: { shareId }, body });
  }
  addCaseNote(shareId: number, body: AddNoteRequest) {
    return this.call<CaseNote>('addCaseNote', { params: { shareId }, body });
  }
  helplineMembers() {
    return this.call<HelplineMembersResponse>('helplineMembers', {});
  }

  networks(query: { minVictims?: number; limit?: number } = {}) {
    return this.call<NetworksResponse>('listNetworks', { search: searchOf(query) });
  }
  network(networkId: string) {
    return this.call<NetworkSummaryView>('getNetwork', { params: { networkId } });
  }
  networkGraph(networkId: string) {
    return this.call<GraphView>('networkGraph', { params: { networkId } });
  }
  wholeGraph(query: { minVictims?: number; maxNodes?: number } = {}) {
    return this.call<GraphView>('wholeGraph', { search: searchOf(query) });
  }
  trends(query: { network?: string; from?: string; to?: string } = {}) {
    return this.call<TrendsView>('trends', { search: searchOf(query) });
  }
  hubs() {
    return this.call<HubsResponse>('hubs', {});
  }
  exportMisp(networkId: string) {
    return this.call<ExportDocument>('exportMisp', { params: { networkId } });
  }
  exportStix(networkId: string) {
    return this.call<ExportDocument>('exportStix', { params: { networkId } });
  }
  safelist() {
    return this.call<SafelistResponse>('listSafelist', {});
  }
  addSafelist(body: AddSafelistRequest) {
    return this.call<SafelistEntryView>('addSafelist', { body });
  }
  removeSafelist(body: RemoveSafelistRequest) {
    return this.call<OkResponse>('removeSafelist', { body });
  }

  myPlatform() {
    return this.call<PlatformOverview>('myPlatform', {});
  }
  createApiKey(label: string) {
    return this.call<IssuedApiKey>('createApiKey', { body: { label } });
  }
  rotateApiKey(keyId: number) {
    return this.call<IssuedApiKey>('rotateApiKey', { params: { keyId } });
  }
  revokeApiKey(keyId: number) {
    return this.call<ApiKeyView>('revokeApiKey', { params: { keyId } });
  }
  banks() {
    return this.call<ConsoleBanksResponse>('consoleBanks', {});
  }
  updateThresholds(bank: string, body: UpdateThresholdsRequest) {
    return this.call<Bank>('updateThresholds', { params: { bank }, body });
  }
  platforms() {
    return this.call<PlatformsResponse>('listPlatformsAdmin', {});
  }
  createPlatform(body: CreatePlatformRequest) {
    return this.call<IssuedApiKey>('createPlatformAdmin', { body });
  }

  /**
   * Any route of the table with this client's session (tests walk the whole table with it).
   * Changes carry the CSRF token; a route that needs a body gets `{}` unless one is given.
   */
  call<T>(name: RouteName, request: ApiRequest): Promise<ApiResult<T>> {
    const route: RouteSpec = routes[name];
    const headers: Record<string, string> = {};
    if (route.method !== 'GET' && this.#csrfToken !== undefined) {
      headers['x-csrf-token'] = this.#csrfToken;
    }
    const withBody =
      route.method !== 'GET' && request.body === undefined ? { ...request, body: {} } : request;
    return callApi<T>({ baseUrl: this.#baseUrl, fetch: this.#fetch }, route, withBody, headers);
  }

  async #session(
    pending: Promise<ApiResult<SessionResponse>>,
  ): Promise<ApiResult<SessionResponse>> {
    const result = await pending;
    if (result.ok) this.#csrfToken = result.value.csrfToken;
    return result;
  }

  #withCookies(base: typeof fetch): typeof fetch {
    return async (input, init) => {
      const headers = new Headers(init?.headers);
      if (this.#cookies.size > 0) {
        headers.set(
          'cookie',
          [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        );
      }
      const response = await base(input, { ...init, headers });
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
        if (expired || value === '') this.#cookies.delete(name);
        else this.#cookies.set(name, value);
      }
      return response;
    };
  }
}

function searchOf(query: Record<string, string | number | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.set(name, String(value));
  }
  return search;
}
