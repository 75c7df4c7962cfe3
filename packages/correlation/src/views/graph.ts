/**
 * The graph the console draws (sigma.js / cytoscape.js both read this shape): victims' cases and
 * the blackmailers' identifiers as nodes, "this case's reports mention this identifier" as edges.
 * Lure material (groups of near-identical PDQ hashes) is a node too.
 *
 * Case nodes carry no victim data: an opaque id, a number within the network and counts.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { PaymentChannel } from '../identifiers/facets.ts';
import type { IdentifierKind } from '../identifiers/link-key.ts';
import type { CorrelationStore } from '../store.ts';
import { networkIdFor } from './network-id.ts';

export type GraphNode =
  | {
      readonly id: string;
      readonly type: 'case';
      readonly label: string;
      readonly network: string;
      readonly reports: number;
      readonly firstSeen: string;
      readonly lastSeen: string;
      /** Only when `revealCaseIds` was asked for (helpline staff with the victim's consent). */
      readonly caseId?: string;
    }
  | {
      readonly id: string;
      readonly type: 'identifier';
      readonly label: string;
      readonly network: string;
      readonly kind: IdentifierKind;
      readonly value: string;
      readonly reports: number;
      /** Victims (distinct cases) of this network whose reports mention it. */
      readonly victims: number;
      /** First and last report mentioning it, across every network. */
      readonly firstSeen: string;
      readonly lastSeen: string;
      /** False for safelisted and checksum-failed identifiers: drawn, but they link nothing. */
      readonly links: boolean;
      readonly paymentChannel: PaymentChannel | null;
      /** The country a phone number or IBAN points to, when it can be told. */
      readonly country: string | null;
      /** The safelist entry's label (a helpline, a payment provider), when it is safelisted. */
      readonly safelisted: string | null;
    }
  | {
      readonly id: string;
      readonly type: 'lure';
      readonly label: string;
      readonly network: string;
      readonly hashes: readonly string[];
      readonly reports: number;
    };

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: 'mentions' | 'shows-lure';
  /** Number of the case's reports behind this edge. */
  readonly weight: number;
}

export interface GraphModel {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** True when `maxNodes` cut networks off (the largest networks are kept). */
  readonly truncated: boolean;
}

export interface GraphOptions {
  /** Put each case's real id on its node (default false). */
  readonly revealCaseIds?: boolean;
  /** Draw safelisted and invalid identifiers too (default true for one network, false for all). */
  readonly includeUnlinked?: boolean;
  /**
   * Draw an identifier only when at least this many victims reported it (default 1 for one
   * network; 2 for the whole graph, where a one-victim identifier is a leaf that explains nothing).
   */
  readonly minIdentifierVictims?: number;
}

/** The graph of the network holding `report`. */
export function networkGraph(
  store: CorrelationStore,
  report: number,
  options: GraphOptions = {},
): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  addNetwork(store, store.membersOf(report), nodes, edges, options);
  return { nodes, edges, truncated: false };
}

/**
 * The graph of every network with at least `minVictims` victims, largest first, stopping before
 * `maxNodes` nodes. Unlinked (safelisted or invalid) identifiers are left out unless asked for:
 * at this scale they are noise.
 */
export function wholeGraph(
  store: CorrelationStore,
  options: GraphOptions & { readonly minVictims?: number; readonly maxNodes?: number } = {},
): GraphModel {
  const minVictims = options.minVictims ?? 2;
  const maxNodes = options.maxNodes ?? 5000;
  const networks: Array<{ members: number[]; victims: number }> = [];
  for (const root of store.networks.roots()) {
    if (store.networks.sizeOf(root) < minVictims) continue;
    const members = store.membersOf(root);
    const victims = new Set(members.map((r) => store.reportCase.get(r))).size;
    if (victims >= minVictims) networks.push({ members, victims });
  }
  networks.sort((a, b) => b.victims - a.victims || a.members[0]! - b.members[0]!);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let truncated = false;
  const graphOptions: GraphOptions = {
    ...options,
    includeUnlinked: options.includeUnlinked ?? false,
    minIdentifierVictims: options.minIdentifierVictims ?? 2,
  };
  for (const network of networks) {
    // Every victim is a node: a network with more victims than the room left cannot fit.
    if (nodes.length + network.victims > maxNodes) {
      truncated = true;
      continue;
    }
    const networkNodes: GraphNode[] = [];
    const networkEdges: GraphEdge[] = [];
    addNetwork(store, network.members, networkNodes, networkEdges, graphOptions);
    if (nodes.length + networkNodes.length > maxNodes) {
      truncated = true;
      continue;
    }
    nodes.push(...networkNodes);
    edges.push(...networkEdges);
  }
  return { nodes, edges, truncated };
}

function addNetwork(
  store: CorrelationStore,
  members: readonly number[],
  nodes: GraphNode[],
  edges: GraphEdge[],
  options: GraphOptions,
): void {
  const network = networkIdFor(store.reportIds[members[0]!]!);
  const includeUnlinked = options.includeUnlinked ?? true;
  const minIdentifierVictims = options.minIdentifierVictims ?? 1;
  const cases = new Map<number, { reports: number; first: number; last: number }>();
  const caseKeys = new Map<string, number>();
  const keyReports = new Map<number, number>();
  const lureGroups = new Map<number, { hashes: Set<string>; reports: Set<number> }>();
  const caseLures = new Map<string, number>();

  for (const r of members) {
    const caseIndex = store.reportCase.get(r);
    const time = store.reportTime.get(r);
    const entry = cases.get(caseIndex);
    if (entry === undefined) cases.set(caseIndex, { reports: 1, first: time, last: time });
    else {
      entry.reports++;
      entry.first = Math.min(entry.first, time);
      entry.last = Math.max(entry.last, time);
    }
    for (let m = store.mentionStart.get(r); m < store.mentionStart.get(r + 1); m++) {
      const key = store.mentionKey.get(m);
      if (!includeUnlinked && !store.keyLinks(key)) continue;
      keyReports.set(key, (keyReports.get(key) ?? 0) + 1);
      const pair = `${caseIndex}\u0000${key}`;
      caseKeys.set(pair, (caseKeys.get(pair) ?? 0) + 1);
    }
    const lureOfReport = new Set<number>();
    for (const hashId of store.reportLureHashes[r] ?? []) {
      const group = store.lureGroups.anchor(hashId);
      let lure = lureGroups.get(group);
      if (lure === undefined) {
        lure = { hashes: new Set(), reports: new Set() };
        lureGroups.set(group, lure);
      }
      lure.hashes.add(store.lure.hash(hashId));
      lure.reports.add(r);
      lureOfReport.add(group);
    }
    for (const group of lureOfReport) {
      const pair = `${caseIndex}\u0000${group}`;
      caseLures.set(pair, (caseLures.get(pair) ?? 0) + 1);
    }
  }

  const caseNodeIds = new Map<number, string>();
  let number = 0;
  for (const [caseIndex, entry] of cases) {
    const caseId = store.caseIds[caseIndex]!;
    // A case sits in one network unless cases are not linked (then its id is per network).
    const seed = store.linkSameCase ? caseId : `${caseId}\u0000${network}`;
    const id = `case-${bytesToHex(sha256(utf8ToBytes(`aman-case:${seed}`))).slice(0, 16)}`;
    caseNodeIds.set(caseIndex, id);
    nodes.push({
      id,
      type: 'case',
      label: `Victim ${++number}`,
      network,
      reports: entry.reports,
      firstSeen: new Date(entry.first).toISOString(),
      lastSeen: new Date(entry.last).toISOString(),
      ...(options.revealCaseIds === true ? { caseId } : {}),
    });
  }
  const keyVictims = new Map<number, number>();
  for (const pair of caseKeys.keys()) {
    const key = Number(pair.slice(pair.indexOf('\u0000') + 1));
    keyVictims.set(key, (keyVictims.get(key) ?? 0) + 1);
  }
  const drawn = (key: number): boolean => (keyVictims.get(key) ?? 0) >= minIdentifierVictims;
  // A linking identifier belongs to exactly one network; an unlinked one (a safelisted helpline
  // number) can appear in many, so its node id is scoped to the network.
  const identifierNodeId = (key: number): string =>
    store.keyLinks(key) ? store.keys[key]!.key : `${network}|${store.keys[key]!.key}`;
  for (const [key, reports] of keyReports) {
    if (!drawn(key)) continue;
    const linkKey = store.keys[key]!;
    nodes.push({
      id: identifierNodeId(key),
      type: 'identifier',
      label: store.keyDisplay[key]!,
      network,
      kind: linkKey.kind,
      value: linkKey.value,
      reports,
      victims: keyVictims.get(key) ?? 0,
      firstSeen: new Date(store.keyFirstSeen.get(key)).toISOString(),
      lastSeen: new Date(store.keyLastSeen.get(key)).toISOString(),
      links: store.keyLinks(key),
      paymentChannel: store.keyChannel[key] ?? null,
      country: store.countryOf(key)?.country ?? null,
      safelisted: store.keySafelist[key]?.label ?? null,
    });
  }
  const lureNodeIds = new Map<number, string>();
  for (const [group, lure] of lureGroups) {
    const hashes = [...lure.hashes].sort();
    const id = `lure-${hashes[0]!.slice(0, 16)}`;
    lureNodeIds.set(group, id);
    nodes.push({
      id,
      type: 'lure',
      label: hashes.length === 1 ? 'Lure material' : `Lure material (${hashes.length} variants)`,
      network,
      hashes,
      reports: lure.reports.size,
    });
  }
  for (const [pair, weight] of caseKeys) {
    const [caseIndex, key] = pair.split('\u0000').map(Number) as [number, number];
    if (!drawn(key)) continue;
    const source = caseNodeIds.get(caseIndex)!;
    const target = identifierNodeId(key);
    edges.push({ id: `${source}>${target}`, source, target, type: 'mentions', weight });
  }
  for (const [pair, weight] of caseLures) {
    const [caseIndex, group] = pair.split('\u0000').map(Number) as [number, number];
    const source = caseNodeIds.get(caseIndex)!;
    const target = lureNodeIds.get(group)!;
    edges.push({ id: `${source}>${target}`, source, target, type: 'shows-lure', weight });
  }
}
