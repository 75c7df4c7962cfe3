/**
 * The audit log: who did what, when, to which object, as a chain that cannot be rewritten unseen.
 *
 * Every row carries an HMAC-SHA256 over its content and the previous row's MAC, under a subkey of a
 * data key (keyring.ts), which the database does not hold. So whoever can write to the database
 * but does not have the keys (a DBA, a thief, an intruder in the database server) cannot edit,
 * insert or delete a row without `aman audit verify` saying which row: an edit breaks that row's
 * MAC, a deletion leaves a gap in seq and breaks the next row's link, an insertion cannot be given
 * a valid MAC, and deleting the newest rows is caught by the head (the last seq, sealed too).
 *
 * What it does not prevent: someone holding the keys, or restoring an older copy of the whole
 * database (a rollback, not an edit). `aman audit verify` prints the head; keep it elsewhere to
 * detect that too.
 *
 * No victim data goes in: targets are opaque references (`signal:42`, `case:17`), details are
 * counts and short labels. `record` refuses anything that looks like a hash, a case number, a PIN
 * or an API key, so a careless call site fails its tests instead of leaking.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CASE_NUMBER_PATTERN } from '@aman/api';
import type { Clock } from '../repositories/clock.ts';
import type { AuditActorKind, AuditHead, AuditRecord, Store } from '../repositories/store.ts';
import type { Keyring } from './keyring.ts';

/** One action to record. */
export interface AuditEntry {
  readonly actor: { readonly kind: AuditActorKind; readonly id: string };
  /** `noun.verb`, e.g. `feedback.record`, `bank.add_signals`, `keys.rotate`. */
  readonly action: string;
  /** What was acted on, as an opaque reference: `signal:42`, `bank:lure`, `case:17`. */
  readonly target?: string;
  /** Counts, decisions, short labels: never victim data. */
  readonly details?: Record<string, unknown>;
}

/** Who acted: a staff member, a platform (its id), a victim (`case:<id>`), or the system. */
export type AuditActor = AuditEntry['actor'];

/**
 * Records actions in the audit log.
 *
 * @example
 * await audit.record({
 *   actor: { kind: 'platform', id: String(platform.id) },
 *   action: 'feedback.record',
 *   target: `signal:${signalId}`,
 *   details: { decision: 'Blocked' },
 * });
 */
export interface AuditTrail {
  record(entry: {
    actor: { kind: 'staff' | 'platform' | 'victim' | 'system'; id: string };
    action: string;
    target?: string;
    details?: Record<string, unknown>;
  }): Promise<void>;
}

const MAC_PURPOSE = 'aman-audit-mac-v1';
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const PRINTABLE = /^[\x20-\x7e]{1,200}$/;
const MAX_DETAIL_TEXT = 120;
/** What must never reach the log, even by mistake. */
const FORBIDDEN: readonly { what: string; pattern: RegExp }[] = [
  { what: 'a hex hash', pattern: /[0-9a-fA-F]{32}/ },
  { what: 'an API key', pattern: /aman_[A-Za-z0-9_-]{20}/ },
  { what: 'a PIN', pattern: /(^|\D)\d{5}-?\d{5}(\D|$)/ },
  {
    what: 'a case number',
    pattern: new RegExp(CASE_NUMBER_PATTERN.source.replace(/^\^|\$$/g, '')),
  },
];

/**
 * The audit trail over a store's hash-chained `audit_log` table.
 *
 * @example
 * const audit = new ChainedAuditTrail({ store, keyring: () => cipher.keys, clock: systemClock });
 * await audit.record({ actor: { kind: 'system', id: 'aman' }, action: 'server.start' });
 */
export class ChainedAuditTrail implements AuditTrail {
  constructor(
    private readonly deps: {
      readonly store: Store;
      /** The keyring in use (a function: it can be reloaded after a rotation). */
      readonly keyring: () => Keyring;
      readonly clock: Clock;
    },
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const checked = checkEntry(entry);
    const keyring = this.deps.keyring();
    const keyId = keyring.activeId;
    const macKey = keyring.derive(keyId, MAC_PURPOSE);
    const at = this.deps.clock.now();
    await this.deps.store.appendAudit((previous) => {
      const unsealed = { ...checked, seq: (previous?.seq ?? 0) + 1, at, keyId };
      const mac = rowMac(macKey, previous?.mac ?? '', unsealed);
      const record: AuditRecord = { ...unsealed, mac };
      return { record, head: { seq: record.seq, keyId, mac: headMac(macKey, record) } };
    });
  }
}

/** What `aman audit verify` found. */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly head: AuditHead }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly head: AuditHead;
      /** Each problem, in seq order, e.g. `seq 12: the row was changed`. */
      readonly problems: readonly string[];
    };

/**
 * Checks the whole chain: every MAC, every link, no gap, and the head.
 *
 * @example
 * const result = await verifyAuditChain(store, keyring);
 * if (!result.ok) console.error(result.problems.join('\n'));
 */
export async function verifyAuditChain(
  store: Store,
  keyring: Keyring,
  options: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5_000;
  const macKeys = new MacKeys(keyring);
  const problems: string[] = [];
  const head = await store.readAuditHead();
  let previous: AuditRecord | undefined;
  let entries = 0;
  for (let page = await store.readAudit(0, pageSize); page.length > 0;) {
    for (const record of page) {
      entries++;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (record.seq !== expectedSeq) {
        problems.push(
          record.seq > expectedSeq
            ? `seq ${expectedSeq}${record.seq - 1 > expectedSeq ? `–${record.seq - 1}` : ''}: missing (deleted)`
            : `seq ${record.seq}: out of order`,
        );
      }
      const key = macKeys.get(record.keyId);
      if (key === undefined) {
        problems.push(
          `seq ${record.seq}: sealed with key "${record.keyId}", which is not in the keyring`,
        );
      } else if (!sameMac(record.mac, rowMac(key, previous?.mac ?? '', record))) {
        // Either this row changed, or it was inserted, or the row before it was removed.
        const linkOnly =
          previous !== undefined && record.seq !== expectedSeq
            ? ' (its link to the previous row is broken)'
            : '';
        problems.push(`seq ${record.seq}: the row was changed or inserted${linkOnly}`);
      }
      previous = record;
    }
    page = await store.readAudit(page.at(-1)!.seq, pageSize);
  }
  const lastSeq = previous?.seq ?? 0;
  if (head.seq !== lastSeq) {
    problems.push(
      head.seq > lastSeq
        ? `seq ${lastSeq + 1}–${head.seq}: missing (the newest rows were deleted)`
        : `the head says seq ${head.seq} but the log goes to ${lastSeq} (rows were appended without the key)`,
    );
  } else if (previous !== undefined) {
    const key = macKeys.get(head.keyId);
    if (key === undefined || !sameMac(head.mac, headMac(key, previous))) {
      problems.push('the head (last seq) was changed');
    }
  } else if (head.mac !== '') {
    problems.push('the head was changed');
  }
  return problems.length === 0
    ? { ok: true, entries, head }
    : { ok: false, entries, head, problems };
}

/** The chain is broken: rotation refuses to reseal it (that would hide the tampering). */
export class AuditChainBrokenError extends Error {
  constructor(readonly seq: number) {
    super(`the audit log is broken at seq ${seq}; run "aman audit verify" for details`);
    this.name = 'AuditChainBrokenError';
  }
}

/**
 * Key rotation: checks every row under its current key and reseals it under the active key, in
 * one transaction. Throws `AuditChainBrokenError` (and changes nothing) if any row does not verify.
 *
 * @example
 * const resealed = await resealAuditChain(store, rotatedKeyring);
 */
export async function resealAuditChain(store: Store, keyring: Keyring): Promise<number> {
  const macKeys = new MacKeys(keyring);
  const keyId = keyring.activeId;
  const newKey = keyring.derive(keyId, MAC_PURPOSE);
  let oldPreviousMac = '';
  return store.resealAudit(
    (record, previousMac) => {
      const oldKey = macKeys.get(record.keyId);
      if (oldKey === undefined || !sameMac(record.mac, rowMac(oldKey, oldPreviousMac, record))) {
        throw new AuditChainBrokenError(record.seq);
      }
      oldPreviousMac = record.mac;
      return { keyId, mac: rowMac(newKey, previousMac, record) };
    },
    (last) =>
      last === undefined
        ? { seq: 0, keyId: '', mac: '' }
        : { seq: last.seq, keyId, mac: headMac(newKey, last) },
  );
}

/** How many audit rows each key id seals (so that `aman keys retire` knows what is still needed). */
export async function auditKeyUsage(store: Store): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  for (let page = await store.readAudit(0, 5_000); page.length > 0;) {
    for (const record of page) usage.set(record.keyId, (usage.get(record.keyId) ?? 0) + 1);
    page = await store.readAudit(page.at(-1)!.seq, 5_000);
  }
  return usage;
}

class MacKeys {
  readonly #keys = new Map<string, Buffer>();

  constructor(private readonly keyring: Keyring) {}

  get(id: string): Buffer | undefined {
    let key = this.#keys.get(id);
    if (key === undefined && this.keyring.get(id) !== undefined) {
      key = this.keyring.derive(id, MAC_PURPOSE);
      this.#keys.set(id, key);
    }
    return key;
  }
}

type Sealable = Omit<AuditRecord, 'mac' | 'keyId'>;

/** The MAC of a row: its content (everything but key id and MAC) chained to the previous MAC. */
function rowMac(key: Buffer, previousMac: string, row: Sealable): string {
  const content = JSON.stringify([
    row.seq,
    row.at.getTime(),
    row.actorKind,
    row.actorId,
    row.action,
    row.target,
    row.details,
  ]);
  return createHmac('sha256', key).update(`${previousMac}\n${content}`).digest('hex');
}

function headMac(key: Buffer, last: AuditRecord): string {
  return createHmac('sha256', key).update(`head\n${last.seq}\n${last.mac}`).digest('hex');
}

function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Validates an entry; returns the row content to seal. Bad entries are programmer errors. */
function checkEntry(entry: AuditEntry): Omit<Sealable, 'seq' | 'at'> {
  if (!ACTION.test(entry.action) || entry.action.length > 64) {
    throw new TypeError(`audit action "${entry.action}" is not noun.verb (lower case)`);
  }
  if (!PRINTABLE.test(entry.actor.id)) {
    throw new TypeError('audit actor id must be 1 to 200 printable ASCII characters');
  }
  if (entry.target !== undefined && !PRINTABLE.test(entry.target)) {
    throw new TypeError('audit target must be 1 to 200 printable ASCII characters');
  }
  const details: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(entry.details ?? {})) {
    if (
      value !== null &&
      typeof value !== 'number' &&
      typeof value !== 'boolean' &&
      !(typeof value === 'string' && value.length <= MAX_DETAIL_TEXT)
    ) {
      throw new TypeError(
        `audit detail "${name}" must be a number, a boolean, null or a short string: the log holds no documents`,
      );
    }
    details[name] = value;
  }
  for (const text of [entry.actor.id, entry.target ?? '', ...Object.values(details).map(String)]) {
    for (const { what, pattern } of FORBIDDEN) {
      if (pattern.test(text)) {
        throw new TypeError(
          `audit entry "${entry.action}" would store ${what}: the log holds no victim data or secrets`,
        );
      }
    }
  }
  return {
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    action: entry.action,
    target: entry.target ?? null,
    details: JSON.stringify(details),
  };
}
