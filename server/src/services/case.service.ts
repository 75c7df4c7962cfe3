/**
 * Cases: what a victim can do with a case number and a PIN. Nothing here asks who the victim is.
 */
import {
  MAX_SIGNALS_PER_CASE,
  parseCaseNumber,
  type AddSignalsRequest,
  type AddSignalsResponse,
  type CaseSignal,
  type CaseView,
  type CreateCaseRequest,
  type CreateCaseResponse,
  type WithdrawRequest,
  type WithdrawResponse,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import { PIN_DIGITS, type Secrets } from '../repositories/secrets.ts';
import {
  CaseNumberTakenError,
  type CaseRecord,
  type LockPolicy,
  type SignalRecord,
  type Store,
} from '../repositories/store.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import { FREE_PIN_ATTEMPTS } from './pin-lock.ts';
import { toApiValue, toNewSignal, uniqueSignals } from './signal-values.ts';

/** Victims' signals go to this bank. */
export const VICTIM_BANK = 'protect';

export interface CaseServiceDeps {
  readonly store: Store;
  readonly secrets: Secrets;
  readonly clock: Clock;
  readonly lockPolicy: LockPolicy;
  /** Applies committed changes to the matcher (so a withdrawal is effective when acknowledged). */
  readonly syncMatcher: () => Promise<void>;
  /** Victims' changes (open, add, withdraw) are recorded by case id: never the number or PIN. */
  readonly audit: AuditTrail;
  /** A request budget per case, whatever the address (PIN routes). */
  readonly caseLimiter?: Pick<RateLimiter, 'take'>;
}

export class CaseService {
  readonly #afterReportsDeleted: Array<() => Promise<void>> = [];

  constructor(private readonly deps: CaseServiceDeps) {}

  /**
   * Runs `listener` after a withdrawal deleted the case's messages, before it answers: correlation
   * drops them (console.ts). A failure is left to the periodic tail, as for the matcher.
   */
  afterReportsDeleted(listener: () => Promise<void>): void {
    this.#afterReportsDeleted.push(listener);
  }

  /** Opens a case. The PIN is returned here and nowhere else, ever. */
  async open(request: CreateCaseRequest): Promise<CreateCaseResponse> {
    const { store, secrets, clock } = this.deps;
    const signals = uniqueSignals(request.signals.map(toNewSignal));
    const bankId = await this.victimBankId();
    const pin = secrets.newPin();
    const pinHash = await secrets.hashPin(pin);
    for (let draw = 0; ; draw++) {
      const caseNumber = secrets.newCaseNumber();
      try {
        const created = await store.createCase({
          caseNumber,
          pinHash,
          bankId,
          signals,
          at: clock.now(),
        });
        await this.deps.syncMatcher();
        await this.audit(created.caseId, 'case.open', { signals: signals.length });
        return { caseNumber, pin: `${pin.slice(0, 5)}-${pin.slice(5)}` };
      } catch (error) {
        // Two draws of 80 random bits colliding means the generator is broken: fail loudly.
        if (!(error instanceof CaseNumberTakenError) || draw >= 2) throw error;
      }
    }
  }

  /** The case's signals and what platforms reported about them. */
  async view(caseNumber: string, pin: string | undefined): Promise<CaseView> {
    const record = await this.unlock(caseNumber, pin);
    const [signals, feedback] = await Promise.all([
      this.deps.store.listCaseSignals(record.id),
      this.deps.store.listCaseFeedback(record.id),
    ]);
    return {
      status: record.status,
      createdAt: record.createdAt.toISOString(),
      signals: signals.map(toCaseSignal),
      feedback: feedback.map((entry) => ({
        platform: entry.platformName,
        signalId: entry.signalId,
        decision: entry.decision,
        at: entry.at.toISOString(),
      })),
    };
  }

  async addSignals(
    caseNumber: string,
    pin: string | undefined,
    request: AddSignalsRequest,
  ): Promise<AddSignalsResponse> {
    const record = await this.unlock(caseNumber, pin);
    const result = await this.deps.store.addCaseSignals({
      caseId: record.id,
      bankId: await this.victimBankId(),
      signals: uniqueSignals(request.signals.map(toNewSignal)),
      maxSignals: MAX_SIGNALS_PER_CASE,
      at: this.deps.clock.now(),
    });
    switch (result.kind) {
      case 'case_withdrawn':
        throw new DomainError(
          'case_withdrawn',
          'this case was withdrawn and takes no new signals; open a new case instead',
        );
      case 'case_full':
        throw new DomainError(
          'case_full',
          `a case holds at most ${MAX_SIGNALS_PER_CASE} signals; open a new case for more`,
        );
      case 'added':
        await this.deps.syncMatcher();
        await this.audit(record.id, 'case.add_signals', { signals: result.signals.length });
        return { signals: result.signals.map(toCaseSignal) };
    }
  }

  /** Withdraws the listed signals, or everything (and the case) when none are listed. */
  async withdraw(
    caseNumber: string,
    pin: string | undefined,
    request: WithdrawRequest,
  ): Promise<WithdrawResponse> {
    const record = await this.unlock(caseNumber, pin);
    const signalIds = request.signalIds ?? 'all';
    const result = await this.deps.store.withdrawCaseSignals({
      caseId: record.id,
      signalIds,
      at: this.deps.clock.now(),
    });
    if (result.kind === 'unknown_signal') {
      throw new DomainError('signal_not_found', `this case has no signal ${result.id}`);
    }
    await this.deps.syncMatcher();
    if (result.reportsDeleted !== undefined && result.reportsDeleted > 0) {
      for (const listener of this.#afterReportsDeleted) await listener().catch(() => {});
    }
    await this.audit(record.id, signalIds === 'all' ? 'case.withdraw' : 'case.withdraw_signals', {
      signals: result.ids.length,
      ...(result.evidenceDeleted === undefined ? {} : { evidence: result.evidenceDeleted }),
      ...(result.reportsDeleted === undefined ? {} : { messages: result.reportsDeleted }),
    });
    return {
      status: signalIds === 'all' ? 'withdrawn' : record.status,
      withdrawn: [...result.ids],
      ...(result.evidenceDeleted === undefined ? {} : { evidenceDeleted: result.evidenceDeleted }),
      ...(result.reportsDeleted === undefined ? {} : { reportsDeleted: result.reportsDeleted }),
    };
  }

  /** Checks the PIN under the lockout policy (see pin-lock.ts); returns the case it opens. */
  async unlock(caseNumberText: string, pinText: string | undefined): Promise<CaseRecord> {
    const { store, secrets, clock } = this.deps;
    const caseNumber = parseCaseNumber(caseNumberText);
    if (caseNumber === undefined) {
      throw new DomainError(
        'invalid_case_number',
        'a case number has 16 letters and digits, like 7KQM-4XZD-9H2P-R3TA',
      );
    }
    this.deps.caseLimiter?.take(caseNumber);
    if (pinText === undefined || pinText.trim() === '') {
      throw new DomainError('missing_pin', 'send the PIN of the case in the X-Case-Pin header');
    }
    const pin = pinText.replace(/[\s-]/g, '');
    const notFound = new DomainError(
      'case_not_found',
      'no case has this number; check each character and try again',
    );
    if (!new RegExp(`^\\d{${PIN_DIGITS}}$`).test(pin)) {
      if ((await store.findCase(caseNumber)) === undefined) throw notFound;
      throw new DomainError(
        'wrong_pin',
        `a PIN has ${PIN_DIGITS} digits, as shown when the case was opened`,
      );
    }
    const now = clock.now();
    const attempt = await store.reservePinAttempt(caseNumber, now, this.deps.lockPolicy);
    switch (attempt.kind) {
      case 'not_found':
        throw notFound;
      case 'locked':
        throw lockedError(attempt.until, now);
      case 'reserved':
        break;
    }
    if (!(await secrets.verifyPin(attempt.record.pinHash, pin))) {
      const lock = this.deps.lockPolicy(attempt.attempt);
      const left = FREE_PIN_ATTEMPTS - attempt.attempt;
      throw new DomainError(
        'wrong_pin',
        lock === null
          ? `wrong PIN; ${left} more ${left === 1 ? 'try' : 'tries'} before the case locks for a while`
          : `wrong PIN; the case is now locked for ${describeDuration(lock)}`,
      );
    }
    await store.clearPinAttempts(attempt.record.id);
    return attempt.record;
  }

  private audit(caseId: number, action: string, details: Record<string, number>): Promise<void> {
    return this.deps.audit.record({
      actor: { kind: 'victim', id: `case:${caseId}` },
      action,
      target: `case:${caseId}`,
      details,
    });
  }

  private async victimBankId(): Promise<number> {
    const bank = (await this.deps.store.listBanks()).find(
      (candidate) => candidate.name === VICTIM_BANK,
    );
    if (bank === undefined)
      throw new Error(`the "${VICTIM_BANK}" bank is missing: migrations did not run`);
    return bank.id;
  }
}

function toCaseSignal(signal: SignalRecord): CaseSignal {
  return {
    id: signal.id,
    type: signal.type,
    value: toApiValue(signal.type, signal.value),
    status: signal.status,
    createdAt: signal.createdAt.toISOString(),
  };
}

function lockedError(until: Date, now: Date): DomainError {
  const ms = Math.max(0, until.getTime() - now.getTime());
  return new DomainError(
    'case_locked',
    `too many wrong PINs: this case is locked for ${describeDuration(ms)} (until ${until.toISOString()})`,
    { 'retry-after': String(Math.ceil(ms / 1000)) },
  );
}

function describeDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.ceil(minutes / 60)} hours`;
}
