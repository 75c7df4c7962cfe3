/**
 * Hub identifiers: ones that hold together groups of victims who share nothing else. A ring's
 * WhatsApp number does that too, so a hub is a question for a person, not a verdict: the console
 * shows it with its evidence and one click safelists it (which splits the network it held).
 *
 * What makes a hub implausible as a blackmailer's identifier is that the groups it joins are
 * themselves networks (several victims each, tied by their own identifiers) or belong to different
 * scam families: one ring does not run a webcam blackmail, a mass-mail bluff and a minors' scam on
 * the same number. A helpline number quoted by victims of three rings looks exactly like that.
 */
import type { IdentifierKind } from '../identifiers/link-key.ts';
import type { CorrelationStore } from '../store.ts';
import type { ScamFamily } from '../types.ts';
import { UnionFind } from '../graph/union-find.ts';
import { networkIdFor } from './network-id.ts';

export interface HubCandidate {
  readonly key: string;
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly network: string;
  readonly reports: number;
  readonly victims: number;
  /** Groups of the network that only this identifier connects. */
  readonly groups: number;
  /** Of those, groups with at least two victims (networks in their own right). */
  readonly multiVictimGroups: number;
  readonly families: readonly ScamFamily[];
  /** Why it was flagged, in words for the reviewer. */
  readonly reason: string;
}

export interface HubOptions {
  /** Flag an identifier that alone joins at least this many multi-victim groups (default 3). */
  readonly minMultiVictimGroups?: number;
  /** Or that alone joins at least this many groups of any size across 2+ families (default 3). */
  readonly minGroupsAcrossFamilies?: number;
  /** Or that alone joins at least this many groups whatever they are (default 50). */
  readonly minGroups?: number;
}

/**
 * Finds hub candidates among the identifiers that currently link reports. Costs one pass over the
 * networks of identifiers seen in at least two cases.
 */
export function findHubs(store: CorrelationStore, options: HubOptions = {}): HubCandidate[] {
  const minMulti = options.minMultiVictimGroups ?? 3;
  const minAcross = options.minGroupsAcrossFamilies ?? 3;
  const minGroups = options.minGroups ?? 50;
  // Fewer victims than this cannot meet any of the three rules.
  const minVictims = Math.max(2, Math.min(2 * minMulti, minAcross, minGroups));
  const hubs: HubCandidate[] = [];
  for (let key = 0; key < store.keys.length; key++) {
    if (store.keyReportCount.get(key) < minVictims || !store.keyLinks(key)) continue;
    const reports = store.reportsOfKey(key);
    const cases = new Set(reports.map((r) => store.reportCase.get(r)));
    if (cases.size < minVictims) continue;
    const split = groupsWithout(store, key, reports);
    if (split.groups < 2) continue;
    // "lure" is the approach stage of the same rings' webcam blackmail, not another operation.
    const families = new Set<ScamFamily>();
    for (const r of reports) {
      const family = store.family(r);
      if (family !== null && family !== 'lure') families.add(family);
    }
    let reason: string | null = null;
    if (split.multiVictimGroups >= minMulti) {
      reason = `joins ${split.multiVictimGroups} groups of several victims that share nothing else`;
    } else if (split.groups >= minAcross && families.size >= 2) {
      reason = `joins ${split.groups} otherwise separate groups across ${families.size} scam families`;
    } else if (split.groups >= minGroups) {
      reason = `joins ${split.groups} otherwise separate groups`;
    }
    if (reason === null) continue;
    const linkKey = store.keys[key]!;
    const members = store.membersOf(reports[0]!);
    hubs.push({
      key: linkKey.key,
      kind: linkKey.kind,
      value: linkKey.value,
      network: networkIdFor(store.reportIds[members[0]!]!),
      reports: reports.length,
      victims: cases.size,
      groups: split.groups,
      multiVictimGroups: split.multiVictimGroups,
      families: [...families].sort(),
      reason,
    });
  }
  return hubs.sort((a, b) => b.multiVictimGroups - a.multiVictimGroups || b.groups - a.groups);
}

/**
 * Splits the network of `reports` as if identifier `without` did not link, and counts the groups
 * that hold at least one of `reports`.
 */
function groupsWithout(
  store: CorrelationStore,
  without: number,
  reports: readonly number[],
): { groups: number; multiVictimGroups: number } {
  const members = store.membersOf(reports[0]!);
  const local = new Map<number, number>();
  const sets = new UnionFind(members.length);
  for (const r of members) local.set(r, sets.add());
  const anchorOfKey = new Map<number, number>();
  const firstOfCase = new Map<number, number>();
  for (const r of members) {
    const here = local.get(r)!;
    if (store.linkSameCase) {
      const caseIndex = store.reportCase.get(r);
      const first = firstOfCase.get(caseIndex);
      if (first === undefined) firstOfCase.set(caseIndex, here);
      else sets.union(here, first);
    }
    for (let m = store.mentionStart.get(r); m < store.mentionStart.get(r + 1); m++) {
      const key = store.mentionKey.get(m);
      if (key === without || !store.keyLinks(key)) continue;
      if (store.mentionValid.get(m) !== 1 && !store.linkInvalid) continue;
      const anchor = anchorOfKey.get(key);
      if (anchor === undefined) anchorOfKey.set(key, here);
      else sets.union(here, anchor);
    }
    for (const hashId of store.reportLureHashes[r] ?? []) {
      // Lure material links too: treat each lure group as one more identifier.
      const group = -1 - store.lureGroups.anchor(hashId);
      const anchor = anchorOfKey.get(group);
      if (anchor === undefined) anchorOfKey.set(group, here);
      else sets.union(here, anchor);
    }
  }
  const groupCases = new Map<number, Set<number>>();
  for (const r of reports) {
    const root = sets.find(local.get(r)!);
    if (!groupCases.has(root)) groupCases.set(root, new Set());
  }
  for (const r of members) {
    const cases = groupCases.get(sets.find(local.get(r)!));
    cases?.add(store.reportCase.get(r));
  }
  let multiVictimGroups = 0;
  for (const cases of groupCases.values()) if (cases.size >= 2) multiVictimGroups++;
  return { groups: groupCases.size, multiVictimGroups };
}
