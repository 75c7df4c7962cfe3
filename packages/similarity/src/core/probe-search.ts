import type { BucketTable } from './bucket-table.ts';
import { HASH_WORDS, popcount32, POPCOUNT16 } from './hash-bits.ts';
import { PAGE_BITS, PAGE_MASK, type HashStore } from './hash-store.ts';
import { BLOCKS, MASKS_WITHIN, PROBE_MASKS, type ProbePlan } from './query-plan.ts';
import type { Match } from './similarity-index.ts';

/** What a search reads: the store and, per block, its high-half and low-half tables. */
export interface SearchTables {
  readonly store: HashStore;
  readonly high: readonly BucketTable[];
  readonly low: readonly BucketTable[];
}

/** Work items kept before they are processed (scratch: about 20 KiB in all). */
const PROBE_BATCH = 1024;
const PENDING_BATCH = 256;
const CANDIDATE_BATCH = 512;

/**
 * One multi-index query, as a pipeline of batches (see `query-plan.ts` for why it is exact).
 *
 * Every step of a query reads memory at places nobody can predict: a probed key's run, the high
 * table run that resolves a low-table hit, a candidate's hash. At 1M hashes and more these are
 * cache (and TLB) misses, which cost more than all the arithmetic. So each step first collects its
 * work items, then reads the first word of each in a loop of independent loads, which lets the
 * processor wait for many misses at once, and only then does the work, from cache:
 *
 * 1. probes: the runs of the keys near the query's halves; entries whose partner (the other half
 *    of their block) rules the block out are skipped without touching the hash;
 * 2. pending: low-table hits, resolved to slots through the high table;
 * 3. candidates: slots whose hash is compared in full, then reported unless an earlier block
 *    also reaches it (each match is reported once, by the first block that finds it).
 *
 * Reused from query to query (queries are synchronous), so a query allocates only its matches.
 */
export class ProbeSearch {
  private readonly probeStart = new Uint32Array(PROBE_BATCH);
  private readonly probeEnd = new Uint32Array(PROBE_BATCH);
  private readonly probeKey = new Uint16Array(PROBE_BATCH);
  private readonly probeLimit = new Int16Array(PROBE_BATCH);
  private readonly probeTable = new Uint8Array(PROBE_BATCH);
  private probes = 0;
  private readonly pendingPartner = new Uint16Array(PENDING_BATCH);
  private readonly pendingKey = new Uint16Array(PENDING_BATCH);
  private readonly pendingBlock = new Uint8Array(PENDING_BATCH);
  private readonly pendingStart = new Uint32Array(PENDING_BATCH);
  private pendings = 0;
  private readonly candidateSlot = new Uint32Array(CANDIDATE_BATCH);
  private readonly candidateBlock = new Uint8Array(CANDIDATE_BATCH);
  private candidates = 0;
  /** Where the read-ahead loops leave what they read, so that the reads are not optimised away. */
  touched = 0;

  // The query being answered.
  private tables: SearchTables | null = null;
  private query: Uint32Array = new Uint32Array(HASH_WORDS);
  private maxDistance = 0;
  private plan: ProbePlan | null = null;
  private matches: Match[] = [];

  /** Appends to `matches` every hash within `maxDistance` of `query`, once each. */
  search(
    tables: SearchTables,
    query: Uint32Array,
    maxDistance: number,
    plan: ProbePlan,
    matches: Match[],
  ): void {
    this.tables = tables;
    this.query = query;
    this.maxDistance = maxDistance;
    this.plan = plan;
    this.matches = matches;
    this.probes = this.pendings = this.candidates = 0;
    const { probeStart, probeEnd, probeKey, probeLimit, probeTable } = this;
    for (let block = 0; block < BLOCKS; block++) {
      const R = plan.blockRadius[block]!;
      if (R < 0) continue;
      const word = query[block]!;
      for (let side = 0; side < 2; side++) {
        const radius = side === 0 ? plan.highRadius[block]! : plan.lowRadius[block]!;
        if (radius < 0) continue;
        const runs = (side === 0 ? tables.high[block]! : tables.low[block]!).runs;
        const half = side === 0 ? word >>> 16 : word & 0xffff;
        for (let m = 0, end = MASKS_WITHIN[radius]!; m < end; m++) {
          const mask = PROBE_MASKS[m]!;
          const key = half ^ mask;
          const length = runs[key * 3 + 1]!;
          if (length === 0) continue;
          const at = this.probes;
          probeStart[at] = runs[key * 3]!;
          probeEnd[at] = probeStart[at] + length;
          probeKey[at] = key;
          probeLimit[at] = R - POPCOUNT16[mask]!;
          probeTable[at] = 2 * block + side;
          if (++this.probes === PROBE_BATCH) this.scanProbes();
        }
      }
    }
    this.scanProbes();
    this.resolvePending();
    this.verifyCandidates();
    this.tables = null;
    this.plan = null;
    this.matches = [];
  }

  /** Reads the runs of the gathered probes and keeps the entries their partner does not rule out. */
  private scanProbes(): void {
    const { probeStart, probeEnd, probeKey, probeLimit, probeTable, query } = this;
    const { high, low } = this.tables!;
    const plan = this.plan!;
    const count = this.probes;
    this.probes = 0;
    let touched = 0;
    for (let k = 0; k < count; k++) {
      const table = probeTable[k]!;
      touched ^= (table & 1 ? low : high)[table >>> 1]!.partners[probeStart[k]!]!;
    }
    this.touched ^= touched;

    for (let k = 0; k < count; k++) {
      const block = probeTable[k]! >>> 1;
      const limit = probeLimit[k]!;
      const start = probeStart[k]!;
      const end = probeEnd[k]!;
      const word = query[block]!;
      if ((probeTable[k]! & 1) === 0) {
        // High table: the block as a whole must be within R (`limit` is what the low half may use).
        const queryLow = word & 0xffff;
        const { partners, slots } = high[block]!;
        for (let e = start; e < end; e++) {
          if (POPCOUNT16[partners[e]! ^ queryLow]! <= limit) this.addCandidate(slots![e]!, block);
        }
        continue;
      }
      // Low table: the high half must be farther than the high radius (else the high table finds
      // the hash) and the block within R.
      const queryHigh = word >>> 16;
      const highRadius = plan.highRadius[block]!;
      const partners = low[block]!.partners;
      for (let e = start; e < end; e++) {
        const partner = partners[e]!;
        const distanceHigh = POPCOUNT16[partner ^ queryHigh]!;
        if (distanceHigh <= highRadius || distanceHigh > limit) continue;
        // Equal blocks need one resolution: low runs are sorted, so only the first of them asks.
        if (e > start && partners[e - 1] === partner) continue;
        this.addPending(partner, probeKey[k]!, block);
      }
    }
  }

  private addPending(partner: number, keyLow: number, block: number): void {
    if (this.pendings === PENDING_BATCH) this.resolvePending();
    this.pendingPartner[this.pendings] = partner;
    this.pendingKey[this.pendings] = keyLow;
    this.pendingBlock[this.pendings++] = block;
  }

  /**
   * Finds the slots of the pending low-table hits: the hashes whose block is (partner, keyLow)
   * are the entries with partner keyLow in the high table's run of key `partner`.
   */
  private resolvePending(): void {
    const { pendingPartner, pendingKey, pendingBlock, pendingStart } = this;
    const high = this.tables!.high;
    const count = this.pendings;
    this.pendings = 0;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      pendingStart[i] = high[pendingBlock[i]!]!.runs[pendingPartner[i]! * 3]!;
    }
    for (let i = 0; i < count; i++) touched ^= high[pendingBlock[i]!]!.partners[pendingStart[i]!]!;
    this.touched ^= touched;
    for (let i = 0; i < count; i++) {
      const block = pendingBlock[i]!;
      const { runs, partners, slots } = high[block]!;
      const keyLow = pendingKey[i]!;
      const start = pendingStart[i]!;
      for (let h = start, end = start + runs[pendingPartner[i]! * 3 + 1]!; h < end; h++) {
        if (partners[h] === keyLow) this.addCandidate(slots![h]!, block);
      }
    }
  }

  private addCandidate(slot: number, block: number): void {
    if (this.candidates === CANDIDATE_BATCH) this.verifyCandidates();
    this.candidateSlot[this.candidates] = slot;
    this.candidateBlock[this.candidates++] = block;
  }

  /** Compares the candidates' hashes in full; reports those within the distance, once each. */
  private verifyCandidates(): void {
    const { candidateSlot, candidateBlock, query, maxDistance, matches } = this;
    const { store } = this.tables!;
    const plan = this.plan!;
    const pages = store.hashPages;
    const count = this.candidates;
    this.candidates = 0;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      const slot = candidateSlot[i]!;
      touched ^= pages[slot >>> PAGE_BITS]![(slot & PAGE_MASK) * HASH_WORDS]!;
    }
    this.touched ^= touched;

    const q0 = query[0]!,
      q1 = query[1]!,
      q2 = query[2]!,
      q3 = query[3]!;
    const q4 = query[4]!,
      q5 = query[5]!,
      q6 = query[6]!,
      q7 = query[7]!;
    candidates: for (let i = 0; i < count; i++) {
      const slot = candidateSlot[i]!;
      const words = pages[slot >>> PAGE_BITS]!;
      const offset = (slot & PAGE_MASK) * HASH_WORDS;
      const distance =
        popcount32(words[offset]! ^ q0) +
        popcount32(words[offset + 1]! ^ q1) +
        popcount32(words[offset + 2]! ^ q2) +
        popcount32(words[offset + 3]! ^ q3) +
        popcount32(words[offset + 4]! ^ q4) +
        popcount32(words[offset + 5]! ^ q5) +
        popcount32(words[offset + 6]! ^ q6) +
        popcount32(words[offset + 7]! ^ q7);
      if (distance > maxDistance) continue;
      for (let earlier = 0, block = candidateBlock[i]!; earlier < block; earlier++) {
        const R = plan.blockRadius[earlier]!;
        if (R < 0) continue;
        const x = words[offset + earlier]! ^ query[earlier]!;
        const distanceHigh = POPCOUNT16[x >>> 16]!;
        const distanceLow = POPCOUNT16[x & 0xffff]!;
        const reached =
          distanceHigh <= plan.highRadius[earlier]! || distanceLow <= plan.lowRadius[earlier]!;
        if (reached && distanceHigh + distanceLow <= R) continue candidates;
      }
      matches.push({ id: store.idAt(slot), distance });
    }
  }
}
