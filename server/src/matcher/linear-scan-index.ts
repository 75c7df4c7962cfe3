/**
 * An exact index that compares the query with every entry: the stand-in until @aman/similarity.
 * Hashes sit packed in one Uint32Array (8 words per entry) so a scan touches contiguous memory;
 * removal moves the last entry into the hole, so the array never has gaps.
 */
import { popcount32 } from '@aman/pdq';
import type { HammingHit, HammingIndex } from './hamming-index.ts';

const WORDS = 8;

export class LinearScanIndex implements HammingIndex {
  #words = new Uint32Array(WORDS * 1024);
  #ids: number[] = [];
  readonly #slotOf = new Map<number, number>();

  get size(): number {
    return this.#ids.length;
  }

  add(id: number, hash: Uint8Array): void {
    if (hash.length !== 32) throw new RangeError(`a hash is 32 bytes, got ${hash.length}`);
    let slot = this.#slotOf.get(id);
    if (slot === undefined) {
      slot = this.#ids.length;
      if ((slot + 1) * WORDS > this.#words.length) {
        const grown = new Uint32Array(this.#words.length * 2);
        grown.set(this.#words);
        this.#words = grown;
      }
      this.#ids.push(id);
      this.#slotOf.set(id, slot);
    }
    const view = new DataView(hash.buffer, hash.byteOffset, hash.byteLength);
    for (let w = 0; w < WORDS; w++) this.#words[slot * WORDS + w] = view.getUint32(w * 4);
  }

  remove(id: number): void {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return;
    const last = this.#ids.length - 1;
    if (slot !== last) {
      const movedId = this.#ids[last]!;
      this.#words.copyWithin(slot * WORDS, last * WORDS, last * WORDS + WORDS);
      this.#ids[slot] = movedId;
      this.#slotOf.set(movedId, slot);
    }
    this.#ids.pop();
    this.#slotOf.delete(id);
  }

  query(hash: Uint8Array, maxDistance: number): HammingHit[] {
    const view = new DataView(hash.buffer, hash.byteOffset, hash.byteLength);
    const q0 = view.getUint32(0);
    const q1 = view.getUint32(4);
    const q2 = view.getUint32(8);
    const q3 = view.getUint32(12);
    const q4 = view.getUint32(16);
    const q5 = view.getUint32(20);
    const q6 = view.getUint32(24);
    const q7 = view.getUint32(28);
    const words = this.#words;
    const hits: HammingHit[] = [];
    for (let slot = 0, base = 0; slot < this.#ids.length; slot++, base += WORDS) {
      // Half the hash first: most entries are already too far after 4 words.
      let distance =
        popcount32(q0 ^ words[base]!) +
        popcount32(q1 ^ words[base + 1]!) +
        popcount32(q2 ^ words[base + 2]!) +
        popcount32(q3 ^ words[base + 3]!);
      if (distance > maxDistance) continue;
      distance +=
        popcount32(q4 ^ words[base + 4]!) +
        popcount32(q5 ^ words[base + 5]!) +
        popcount32(q6 ^ words[base + 6]!) +
        popcount32(q7 ^ words[base + 7]!);
      if (distance <= maxDistance) hits.push({ id: this.#ids[slot]!, distance });
    }
    return hits;
  }
}
