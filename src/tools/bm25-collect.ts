import { type FrequencyArray, frequencyArray } from './bm25-frequencies.js';
import { releaseBuffer } from './release-buffer.js';
import { createTokenSpans, type TokenSpans } from './tokenize.js';

/** Finds where a text's tokens are (the build's tokenizer: it must give the search's tokens). */
export type Bm25Spanner = (text: string, spans: TokenSpans) => void;

/** Words of one block of postings while building (2 MiB): blocks are added, never copied. */
const BLOCK = 2 * 262_144;
/**
 * A posting while building is one word, `slot << 8 | frequency`, when its slot (`term id * fields
 * + field`) is below 2^23 and its frequency below 256 (all but a few of them), else two words: the
 * slot with the top bit set, then the frequency. Half the memory of a pair per posting.
 */
const PACKED_SLOTS = 1 << 23;
const PACKED_FREQUENCY = 256;
const ESCAPE = 0x8000_0000;

/** A typed array twice as long (at least `needed`), holding `array`'s values (`array` is freed). */
function grown<T extends Uint32Array | Int32Array>(array: T, needed: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  releaseBuffer(array.buffer);
  return next;
}

function grownPool(pool: Uint16Array, needed: number): Uint16Array {
  const next = new Uint16Array(Math.max(needed, pool.length * 2));
  next.set(pool);
  releaseBuffer(pool.buffer);
  return next;
}

/** FNV-1a over `text[start, end)`, 32 bits. */
function hashSpan(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  return hash >>> 0;
}

/**
 * Postings `(id * fieldCount + field, frequency)` in blocks, in the order added, each one word or
 * two (see `PACKED_SLOTS`; read them with `eachCollected`); the postings from `starts[r]` (counted
 * in postings) up to the next run's start (or `total`) are document `documents[r]`'s.
 */
export interface CollectedPostings {
  blocks: Uint32Array[];
  total: number;
  documents: Uint32Array;
  starts: Uint32Array;
  runs: number;
}

/** The terms and postings of the fields tokenised so far. */
export interface TermCollector {
  /**
   * Tokenises `text` as field `field` of `document` (each pair once; documents in ascending order)
   * and returns the field's length (distinct raw tokens).
   */
  add(document: number, field: number, text: string): number;
  /**
   * The distinct lower-cased terms sorted, and each id's position among them (ids are given in the
   * order terms are first seen). Called once, when every field is added.
   */
  ranked(): { terms: string[]; rank: Uint32Array };
  /** The postings collected, in the order added. */
  collected(): CollectedPostings;
  /** Postings collected. */
  readonly total: number;
  /**
   * Frees the collector's tables and the postings' blocks now (`releaseBuffer`), once the postings
   * were sorted: nothing it gave (`collected()`'s blocks and runs) may be read again.
   */
  release(): void;
}

/**
 * Collects the postings of fields as they are tokenised (the BM25 build's first pass). Each
 * distinct raw spelling is kept once, in an open-addressing table keyed by the span's characters
 * (kept as UTF-16 code units in one pool, not as strings): a token is found without making its
 * string, its string is made once per spelling to lower-case it, and no Set or Map is
 * made per field. Postings are flat pairs in blocks, documents as runs of them: no array per
 * term and field, no document number per posting, and no copy of everything when it grows.
 */
export function createTermCollector(fieldCount: number, spanner: Bm25Spanner): TermCollector {
  const termIds = new Map<string, number>();
  let table = new Int32Array(1 << 14).fill(-1);
  // Per spelling: its characters (`rawStart`, `rawLength` in `pool`), its hash, its term (-1 for
  // none) and the last field it was seen in.
  let spellings = 0;
  let pool: Uint16Array = new Uint16Array(1 << 16);
  let poolUsed = 0;
  let rawStart = new Uint32Array(4096);
  let rawLength = new Uint32Array(4096);
  let rawHash = new Uint32Array(4096);
  let rawTerm = new Int32Array(4096);
  let rawSeen = new Uint32Array(4096);
  /** Per term: the last field it was counted in, and its frequency there. */
  let termSeen = new Uint32Array(4096);
  let termFrequency = new Uint32Array(4096);
  let touched = new Uint32Array(256);
  const spans = createTokenSpans();
  const blocks: Uint32Array[] = [];
  let block = new Uint32Array(BLOCK);
  let used = 0;
  let total = 0;
  let documents = new Uint32Array(1024);
  let starts = new Uint32Array(1024);
  let runs = 0;
  const spellingIs = (slot: number, text: string, start: number, end: number): boolean => {
    if (rawLength[slot] !== end - start) return false;
    const from = (rawStart[slot] as number) - start;
    for (let at = start; at < end; at += 1) if (pool[from + at] !== text.charCodeAt(at)) return false;
    return true;
  };
  const slotOfSpelling = (text: string, start: number, end: number): number => {
    const hash = hashSpan(text, start, end);
    let mask = table.length - 1;
    let at = hash & mask;
    for (let slot = table[at] as number; slot !== -1; slot = table[at] as number) {
      if (rawHash[slot] === hash && spellingIs(slot, text, start, end)) return slot;
      at = (at + 1) & mask;
    }
    const slot = spellings;
    spellings += 1;
    const length = end - start;
    if (slot >= rawHash.length) {
      rawStart = grown(rawStart, slot + 1);
      rawLength = grown(rawLength, slot + 1);
      rawHash = grown(rawHash, slot + 1);
      rawTerm = grown(rawTerm, slot + 1);
      rawSeen = grown(rawSeen, slot + 1);
    }
    if (poolUsed + length > pool.length) pool = grownPool(pool, poolUsed + length);
    for (let index = 0; index < length; index += 1) pool[poolUsed + index] = text.charCodeAt(start + index);
    rawStart[slot] = poolUsed;
    rawLength[slot] = length;
    poolUsed += length;
    rawHash[slot] = hash;
    const term = text.slice(start, end).toLowerCase();
    let id = -1;
    if (term !== '') {
      id = termIds.get(term) ?? termIds.size;
      if (id === termIds.size) {
        termIds.set(term, id);
        if (id >= termSeen.length) {
          termSeen = grown(termSeen, id + 1);
          termFrequency = grown(termFrequency, id + 1);
        }
      }
    }
    rawTerm[slot] = id;
    table[at] = slot;
    if (spellings * 2 > table.length) {
      // Half full: twice the slots, every spelling placed again.
      table = new Int32Array(table.length * 2).fill(-1);
      mask = table.length - 1;
      for (let placed = 0; placed < spellings; placed += 1) {
        let free = (rawHash[placed] as number) & mask;
        while (table[free] !== -1) free = (free + 1) & mask;
        table[free] = placed;
      }
    }
    return slot;
  };
  return {
    get total() {
      return total;
    },
    add(document, field, text) {
      const stamp = document * fieldCount + field + 1;
      spanner(text, spans);
      let length = 0;
      let distinct = 0;
      for (let index = 0; index < spans.count; index += 1) {
        const slot = slotOfSpelling(text, spans.starts[index] as number, spans.ends[index] as number);
        if (rawSeen[slot] !== stamp) {
          rawSeen[slot] = stamp;
          length += 1;
        }
        const id = rawTerm[slot] as number;
        if (id === -1) continue;
        if (termSeen[id] !== stamp) {
          termSeen[id] = stamp;
          termFrequency[id] = 1;
          if (distinct >= touched.length) touched = grown(touched, distinct + 1);
          touched[distinct] = id;
          distinct += 1;
        } else termFrequency[id] = (termFrequency[id] as number) + 1;
      }
      if (distinct > 0 && (runs === 0 || documents[runs - 1] !== document)) {
        if (runs === documents.length) {
          documents = grown(documents, runs + 1);
          starts = grown(starts, runs + 1);
        }
        documents[runs] = document;
        starts[runs] = total;
        runs += 1;
      }
      for (let index = 0; index < distinct; index += 1) {
        // Room for two words: a posting is never split between blocks.
        if (used + 2 > BLOCK) {
          blocks.push(block.subarray(0, used));
          block = new Uint32Array(BLOCK);
          used = 0;
        }
        const id = touched[index] as number;
        const slot = id * fieldCount + field;
        const frequency = termFrequency[id] as number;
        if (slot < PACKED_SLOTS && frequency < PACKED_FREQUENCY) {
          block[used] = (slot << 8) | frequency;
          used += 1;
        } else {
          block[used] = (ESCAPE | slot) >>> 0;
          block[used + 1] = frequency;
          used += 2;
        }
        total += 1;
      }
      return length;
    },
    ranked() {
      const terms = [...termIds.keys()].sort();
      const rank = new Uint32Array(termIds.size);
      for (const [position, term] of terms.entries()) rank[termIds.get(term) as number] = position;
      termIds.clear();
      return { terms, rank };
    },
    collected: () => ({ blocks: [...blocks, block.subarray(0, used)], total, documents, starts, runs }),
    release() {
      for (const array of [table, pool, rawStart, rawLength, rawHash, rawTerm, rawSeen, termSeen])
        releaseBuffer(array.buffer);
      for (const array of [termFrequency, touched, block, documents, starts, ...blocks])
        releaseBuffer(array.buffer);
      blocks.length = 0;
      used = 0;
    },
  };
}

/** Calls `use(slot, frequency)` for every posting of `blocks`, in the order collected. */
export function eachCollected(
  blocks: readonly Uint32Array[],
  use: (slot: number, frequency: number) => void,
): void {
  for (const words of blocks)
    for (let at = 0; at < words.length; at += 1) {
      const word = words[at] as number;
      if (word < ESCAPE) use(word >>> 8, word & 0xff);
      else {
        use(word - ESCAPE, words[at + 1] as number);
        at += 1;
      }
    }
}

/** Average field length per field, as a running mean in document order (MiniSearch's). */
export function runningAverages(
  fieldLengths: Uint32Array,
  documentCount: number,
  fieldCount: number,
): number[] {
  const averages = new Array<number>(fieldCount).fill(0);
  for (let document = 0; document < documentCount; document += 1)
    for (let field = 0; field < fieldCount; field += 1)
      averages[field] =
        ((averages[field] as number) * document + (fieldLengths[document * fieldCount + field] as number)) /
        (document + 1);
  return averages;
}

/**
 * The postings grouped by (term rank, field) as `offsets` into their documents and frequencies: a
 * counting sort, stable, so documents stay in the order they were added (ascending).
 */
export function sortPostings(
  collected: CollectedPostings,
  rank: Uint32Array,
  termCount: number,
  fieldCount: number,
): { offsets: Uint32Array; documents: Uint32Array; frequencies: FrequencyArray } {
  const { blocks, total, starts, runs } = collected;
  const runDocuments = collected.documents;
  let most = 0;
  const slotOf = (slot: number) =>
    (rank[Math.floor(slot / fieldCount)] as number) * fieldCount + (slot % fieldCount);
  const offsets = new Uint32Array(termCount * fieldCount + 1);
  // The words decoded in place (as `eachCollected` does): no call per posting in these two passes.
  for (const words of blocks)
    for (let at = 0; at < words.length; at += 1) {
      const word = words[at] as number;
      let collectedSlot: number;
      let frequency: number;
      if (word < ESCAPE) {
        collectedSlot = word >>> 8;
        frequency = word & 0xff;
      } else {
        collectedSlot = word - ESCAPE;
        at += 1;
        frequency = words[at] as number;
      }
      if (frequency > most) most = frequency;
      const slot = slotOf(collectedSlot) + 1;
      offsets[slot] = (offsets[slot] as number) + 1;
    }
  for (let slot = 1; slot < offsets.length; slot += 1)
    offsets[slot] = (offsets[slot] as number) + (offsets[slot - 1] as number);
  const next = offsets.slice(0, offsets.length - 1);
  const documents = new Uint32Array(total);
  const frequencies = frequencyArray(total, most);
  let run = -1;
  let document = 0;
  let nextStart = runs > 0 ? (starts[0] as number) : total;
  let index = 0;
  for (const words of blocks)
    for (let at = 0; at < words.length; at += 1, index += 1) {
      const word = words[at] as number;
      let collectedSlot: number;
      let frequency: number;
      if (word < ESCAPE) {
        collectedSlot = word >>> 8;
        frequency = word & 0xff;
      } else {
        collectedSlot = word - ESCAPE;
        at += 1;
        frequency = words[at] as number;
      }
      while (index >= nextStart) {
        run += 1;
        document = runDocuments[run] as number;
        nextStart = run + 1 < runs ? (starts[run + 1] as number) : total;
      }
      const slot = slotOf(collectedSlot);
      const posting = next[slot] as number;
      next[slot] = posting + 1;
      documents[posting] = document;
      frequencies[posting] = frequency;
    }
  return { offsets, documents, frequencies };
}
