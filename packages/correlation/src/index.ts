// @aman/correlation: links the reports of different victims into the networks behind them, and
// exports what the networks share (MISP, STIX 2.1). Pure TypeScript: runs in Node and the browser.
export * from './types.ts';
export * from './correlator.ts';
export type { AddedReport, UnlinkedReason } from './store.ts';
export * from './identifiers/canonical.ts';
export * from './identifiers/link-key.ts';
export * from './identifiers/facets.ts';
export * from './safelist/safelist.ts';
export * from './safelist/defaults.ts';
export { UnionFind } from './graph/union-find.ts';
export { LureIndex, type NearHash } from './lure/lure-index.ts';
export type { NetworkSummary, NetworkIdentifier, CurrencyDemands } from './views/summary.ts';
export type { GraphModel, GraphNode, GraphEdge, GraphOptions } from './views/graph.ts';
export { isoWeek, type TrendSeries } from './views/trends.ts';
export type { HubCandidate, HubOptions } from './views/hubs.ts';
export { networkIdFor } from './views/network-id.ts';
export { reportFromTriage, type TriageOutcome } from './pipeline.ts';
export {
  toStixBundle,
  AMAN_STIX_EXTENSIONS,
  type StixBundle,
  type StixObject,
} from './export/stix.ts';
export {
  toMispEvent,
  SEXTORTION_TAG,
  type MispEvent,
  type MispObject,
  type MispAttribute,
  type MispOptions,
} from './export/misp.ts';
export type { ExportOptions } from './export/shared.ts';
export { uuidV5, AMAN_NAMESPACE, STIX_SCO_NAMESPACE } from './export/uuid.ts';
export { pairwiseScores, type PairwiseScores } from './evaluation.ts';
