/**
 * Hub identifiers: ones that hold together groups of victims who share nothing else. A ring's
 * WhatsApp number does that too, so a hub is a question for a person, not a verdict: the console
 * shows it with its evidence and one click safelists it (which splits the network it held).
 *
 * What makes a hub implausible as a blackmailer's identifier is that the groups it joins are
 * themselves networks (several victims each, tied by their own identifiers) or belong to different
 * scam families: one ring does not run a webcam blackmail, a mass-mail bluff and a minors' scam on
 * the same number. A helpline number quoted by victims of three rings looks exactly like that.
 *
 * How: each network is a graph of victims (cases) and the identifiers they reported. An identifier
 * whose removal splits the graph is an articulation point; one depth-first search per network
 * (Hopcroft and Tarjan) finds them all and, for each, the victims in every part it holds together.
 * The cost is linear in the mentions, however many candidates there are.
 */
import type { IdentifierKind } from '../identifiers/link-key.ts';
import type { CorrelationStore } from '../store.ts';
import type { ScamFamily } from '../types.ts';
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

/** Finds hub candidates among the identifiers that currently link reports. */
export function findHubs(store: CorrelationStore, options: HubOptions = {}): HubCandidate[] {
  const rules = {
    minMulti: options.minMultiVictimGroups ?? 3,
    minAcross: options.minGroupsAcrossFamilies ?? 3,
    minGroups: options.minGroups ?? 50,
  };
  // A network with fewer victims than this cannot meet any rule.
  const minVictims = Math.max(2, Math.min(2 * rules.minMulti, rules.minAcross, rules.minGroups));
  const hubs: HubCandidate[] = [];
  for (const root of store.networks.roots()) {
    if (store.networks.sizeOf(root) < minVictims) continue;
    hubs.push(...hubsOfNetwork(store, store.membersOf(root), minVictims, rules));
  }
  return hubs.sort(
    (a, b) =>
      b.multiVictimGroups - a.multiVictimGroups || b.groups - a.groups || b.victims - a.victims,
  );
}

function hubsOfNetwork(
  store: CorrelationStore,
  members: readonly number[],
  minVictims: number,
  rules: { minMulti: number; minAcross: number; minGroups: number },
): HubCandidate[] {
  // Nodes: the network's cases first (0 .. caseCount - 1), then the identifiers and lure groups
  // that link them. Edges: a case reported the identifier.
  const caseNode = new Map<number, number>();
  for (const r of members) {
    const caseIndex = store.reportCase.get(r);
    if (!caseNode.has(caseIndex)) caseNode.set(caseIndex, caseNode.size);
  }
  const caseCount = caseNode.size;
  if (caseCount < minVictims) return [];
  const keyNode = new Map<number, number>();
  const lureNode = new Map<number, number>();
  const adjacency: number[][] = Array.from({ length: caseCount }, () => []);
  const edgeSeen = new Set<number>();
  const connect = (caseLocal: number, node: number): void => {
    const edge = node * caseCount + caseLocal;
    if (edgeSeen.has(edge)) return;
    edgeSeen.add(edge);
    adjacency[caseLocal]!.push(node);
    adjacency[node]!.push(caseLocal);
  };
  const nodeOf = (map: Map<number, number>, id: number): number => {
    let node = map.get(id);
    if (node === undefined) {
      node = adjacency.length;
      map.set(id, node);
      adjacency.push([]);
    }
    return node;
  };
  for (const r of members) {
    const caseLocal = caseNode.get(store.reportCase.get(r))!;
    for (let m = store.mentionStart.get(r); m < store.mentionStart.get(r + 1); m++) {
      const key = store.mentionKey.get(m);
      if (!store.keyLinks(key)) continue;
      if (store.mentionValid.get(m) !== 1 && !store.linkInvalid) continue;
      connect(caseLocal, nodeOf(keyNode, key));
    }
    for (const hashId of store.reportLureHashes[r] ?? []) {
      connect(caseLocal, nodeOf(lureNode, store.lureGroups.anchor(hashId)));
    }
  }

  const parts = separatedParts(adjacency, caseCount);
  const hubs: HubCandidate[] = [];
  for (const [key, node] of keyNode) {
    const sizes = parts.get(node);
    if (sizes === undefined || sizes.length < 2) continue;
    const reports = store.reportsOfKey(key);
    const victims = new Set(reports.map((r) => store.reportCase.get(r))).size;
    if (victims < minVictims) continue;
    const multiVictimGroups = sizes.filter((size) => size >= 2).length;
    // "lure" is the approach stage of the same rings' webcam blackmail, not another operation.
    const families = new Set<ScamFamily>();
    for (const r of reports) {
      const family = store.family(r);
      if (family !== null && family !== 'lure') families.add(family);
    }
    let reason: string | null = null;
    if (multiVictimGroups >= rules.minMulti) {
      reason = `joins ${multiVictimGroups} groups of several victims that share nothing else`;
    } else if (sizes.length >= rules.minAcross && families.size >= 2) {
      reason = `joins ${sizes.length} otherwise separate groups across ${families.size} scam families`;
    } else if (sizes.length >= rules.minGroups) {
      reason = `joins ${sizes.length} otherwise separate groups`;
    }
    if (reason === null) continue;
    const linkKey = store.keys[key]!;
    hubs.push({
      key: linkKey.key,
      kind: linkKey.kind,
      value: linkKey.value,
      network: networkIdFor(store.reportIds[store.networks.anchor(members[0]!)]!),
      reports: reports.length,
      victims,
      groups: sizes.length,
      multiVictimGroups,
      families: [...families].sort(),
      reason,
    });
  }
  return hubs;
}

/**
 * For every articulation point of a connected graph, the number of cases (nodes below
 * `caseCount`) in each part that removing it would leave. Iterative depth-first search from node
 * 0 (a case), so that no identifier is the root and deep networks do not overflow the stack.
 */
function separatedParts(adjacency: readonly number[][], caseCount: number): Map<number, number[]> {
  const count = adjacency.length;
  const discovered = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const casesBelow = new Int32Array(count);
  const parent = new Int32Array(count).fill(-1);
  const nextEdge = new Int32Array(count);
  const separated = new Map<number, number[]>();
  let time = 0;
  const stack = [0];
  discovered[0] = low[0] = time++;
  casesBelow[0] = 1;
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    const neighbours = adjacency[node]!;
    if (nextEdge[node]! < neighbours.length) {
      const next = neighbours[nextEdge[node]!++]!;
      if (discovered[next] === -1) {
        parent[next] = node;
        discovered[next] = low[next] = time++;
        casesBelow[next] = next < caseCount ? 1 : 0;
        stack.push(next);
      } else if (next !== parent[node]) {
        low[node] = Math.min(low[node]!, discovered[next]!);
      }
      continue;
    }
    stack.pop();
    const up = parent[node]!;
    if (up < 0) continue;
    low[up] = Math.min(low[up]!, low[node]!);
    casesBelow[up]! += casesBelow[node]!;
    if (low[node]! >= discovered[up]!) {
      const parts = separated.get(up);
      if (parts === undefined) separated.set(up, [casesBelow[node]!]);
      else parts.push(casesBelow[node]!);
    }
  }
  // Each articulation point also holds the rest of the graph, above it.
  for (const [node, parts] of separated) {
    let below = 0;
    for (const size of parts) below += size;
    const above = caseCount - below - (node < caseCount ? 1 : 0);
    if (above > 0) parts.push(above);
  }
  return separated;
}
