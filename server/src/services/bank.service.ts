/**
 * Banks: their thresholds, and the lure and allow banks that curators fill. The protect bank is
 * filled only through cases, so that every victim's hash stays under the victim's control.
 */
import type {
  Bank,
  BankSignalsRequest,
  BankSignalsResponse,
  BanksResponse,
  BankWithdrawRequest,
  BankWithdrawResponse,
  UpdateBankRequest,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { BankRecord, Store } from '../repositories/store.ts';
import type { AuditActor, AuditTrail } from '../security/audit-trail.ts';
import { toApiValue, toNewSignal, uniqueSignals } from './signal-values.ts';

export class BankService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly syncMatcher: () => Promise<void>;
      readonly reloadMatcherBanks: () => Promise<void>;
      readonly audit: AuditTrail;
    },
  ) {}

  async list(): Promise<BanksResponse> {
    const [banks, counts] = await Promise.all([
      this.deps.store.listBanks(),
      this.deps.store.countActiveSignals(),
    ]);
    return { banks: banks.map((bank) => toBank(bank, counts.get(bank.id) ?? 0)) };
  }

  /**
   * Changes a bank's thresholds. `actor`: who asked, recorded in the audit log (callers that
   * record their own, richer entry leave it out).
   */
  async updateThresholds(
    name: string,
    request: UpdateBankRequest,
    actor?: AuditActor,
  ): Promise<Bank> {
    const bank = await this.find(name);
    const updated = await this.deps.store.updateBankThresholds(bank.id, {
      pdq: request.thresholds.pdq ?? bank.thresholds.pdq,
      vpdq: request.thresholds.vpdq ?? bank.thresholds.vpdq,
    });
    await this.deps.reloadMatcherBanks();
    if (actor !== undefined) {
      await this.deps.audit.record({
        actor,
        action: 'bank.update_thresholds',
        target: `bank:${bank.name}`,
        details: { pdq: updated.thresholds.pdq, vpdq: updated.thresholds.vpdq },
      });
    }
    const counts = await this.deps.store.countActiveSignals();
    return toBank(updated, counts.get(bank.id) ?? 0);
  }

  /** Adds signals to the lure or allow bank, recorded under `actor` in the audit log. */
  async addSignals(
    name: string,
    request: BankSignalsRequest,
    actor: AuditActor,
  ): Promise<BankSignalsResponse> {
    const bank = await this.curatedBank(name);
    const signals = await this.deps.store.addBankSignals({
      bankId: bank.id,
      signals: uniqueSignals(request.signals.map(toNewSignal)),
      at: this.deps.clock.now(),
    });
    await this.deps.syncMatcher();
    await this.deps.audit.record({
      actor,
      action: 'bank.add_signals',
      target: `bank:${bank.name}`,
      details: { signals: signals.length },
    });
    return {
      signals: signals.map((signal) => ({
        id: signal.id,
        type: signal.type,
        value: toApiValue(signal.type, signal.value),
        status: signal.status,
        createdAt: signal.createdAt.toISOString(),
      })),
    };
  }

  /** Withdraws signals from the lure or allow bank, recorded under `actor` in the audit log. */
  async withdrawSignals(
    name: string,
    request: BankWithdrawRequest,
    actor: AuditActor,
  ): Promise<BankWithdrawResponse> {
    const bank = await this.curatedBank(name);
    const result = await this.deps.store.withdrawBankSignals({
      bankId: bank.id,
      signalIds: request.signalIds,
      at: this.deps.clock.now(),
    });
    if (result.kind === 'unknown_signal') {
      throw new DomainError('signal_not_found', `the ${bank.name} bank has no signal ${result.id}`);
    }
    await this.deps.syncMatcher();
    await this.deps.audit.record({
      actor,
      action: 'bank.withdraw_signals',
      target: `bank:${bank.name}`,
      details: { signals: result.ids.length },
    });
    return { withdrawn: [...result.ids] };
  }

  private async find(name: string): Promise<BankRecord> {
    const bank = (await this.deps.store.listBanks()).find((candidate) => candidate.name === name);
    if (bank === undefined) throw new DomainError('bank_not_found', `no bank is named "${name}"`);
    return bank;
  }

  private async curatedBank(name: string): Promise<BankRecord> {
    const bank = await this.find(name);
    if (bank.purpose === 'protect') {
      throw new DomainError(
        'wrong_bank_purpose',
        `the ${bank.name} bank holds victims' hashes and is filled only through cases`,
      );
    }
    return bank;
  }
}

function toBank(bank: BankRecord, signals: number): Bank {
  return { name: bank.name, purpose: bank.purpose, thresholds: bank.thresholds, signals };
}
