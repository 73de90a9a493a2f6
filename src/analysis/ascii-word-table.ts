import { kindOf, LOWER, OTHER, UPPER } from './split-identifier.js';

/**
 * The words of a text as `splitIdentifier` cuts them (ASCII text, or text whose other characters
 * all lower-case to no ASCII letter or digit: they only separate words), found as spans and looked up in a table
 * of the distinct lower-cased words seen so far (their characters kept as bytes), so a text is
 * split without making a string per word: a word's string is made once, the first time it is seen
 * anywhere, to give it its value (the vocabulary's stem id).
 */
export interface AsciiWordTable {
  /**
   * Calls `use` with the value of each word of `text` (without `LOWERS_TO_ASCII`'s characters: a
   * caller tests that first; any other non-ASCII character separates words),
   * in order, exactly the words `splitIdentifier(text)` returns; `firstSeen(word)` gives a word's
   * value the first time it is seen (the word lower-cased, as `splitIdentifier` returns it).
   */
  eachWord(text: string, use: (value: number) => void): void;
}

/** An ASCII code lower-cased (`A`–`Z` only; the text holds no other letters). */
function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function grown<T extends Uint32Array | Int32Array | Uint8Array>(array: T, needed: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

export function createAsciiWordTable(firstSeen: (word: string) => number): AsciiWordTable {
  let table = new Int32Array(1 << 14).fill(-1);
  // Per word: its hash, where its characters start in `pool`, its length and its value.
  let hashes = new Uint32Array(4096);
  let starts = new Uint32Array(4096);
  let lengths = new Uint32Array(4096);
  let values = new Int32Array(4096);
  let pool = new Uint8Array(1 << 16);
  let poolUsed = 0;
  let words = 0;

  const sameWord = (slot: number, text: string, start: number, end: number) => {
    if (lengths[slot] !== end - start) return false;
    const from = starts[slot] as number;
    for (let at = start; at < end; at += 1)
      if (pool[from + at - start] !== lower(text.charCodeAt(at))) return false;
    return true;
  };

  /** The value of the word `text[start, end)` lower-cased, adding it when first seen. */
  const valueAt = (text: string, start: number, end: number): number => {
    // FNV-1a over the lower-cased characters.
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ lower(text.charCodeAt(at)), 0x01000193);
    hash >>>= 0;
    let mask = table.length - 1;
    let at = hash & mask;
    for (let slot = table[at] as number; slot !== -1; slot = table[at] as number) {
      if (hashes[slot] === hash && sameWord(slot, text, start, end)) return values[slot] as number;
      at = (at + 1) & mask;
    }
    const slot = words;
    words += 1;
    if (slot >= hashes.length) {
      hashes = grown(hashes, slot + 1);
      starts = grown(starts, slot + 1);
      lengths = grown(lengths, slot + 1);
      values = grown(values, slot + 1);
    }
    const length = end - start;
    if (poolUsed + length > pool.length) pool = grown(pool, poolUsed + length);
    for (let index = 0; index < length; index += 1)
      pool[poolUsed + index] = lower(text.charCodeAt(start + index));
    hashes[slot] = hash;
    starts[slot] = poolUsed;
    lengths[slot] = length;
    poolUsed += length;
    const value = firstSeen(text.slice(start, end).toLowerCase());
    values[slot] = value;
    table[at] = slot;
    if (words * 2 > table.length) {
      // Half full: twice the slots, every word placed again.
      table = new Int32Array(table.length * 2).fill(-1);
      mask = table.length - 1;
      for (let placed = 0; placed < words; placed += 1) {
        let free = (hashes[placed] as number) & mask;
        while (table[free] !== -1) free = (free + 1) & mask;
        table[free] = placed;
      }
    }
    return value;
  };

  return {
    eachWord(text, use) {
      // The cuts of `splitIdentifier`'s ASCII scanner: a word is a run of letters and digits, cut
      // before a capital after a lower-case letter or digit and before the last capital of a run
      // that a lower-case letter follows; words of one character are dropped.
      const length = text.length;
      let start = -1;
      let previous = OTHER;
      for (let at = 0; at < length; at += 1) {
        const kind = kindOf(text.charCodeAt(at));
        if (kind === OTHER) {
          if (start >= 0 && at - start > 1) use(valueAt(text, start, at));
          start = -1;
        } else if (start < 0) start = at;
        else if (
          kind === UPPER &&
          (previous !== UPPER || (at + 1 < length && kindOf(text.charCodeAt(at + 1)) === LOWER))
        ) {
          if (at - start > 1) use(valueAt(text, start, at));
          start = at;
        }
        previous = kind;
      }
      if (start >= 0 && length - start > 1) use(valueAt(text, start, length));
    },
  };
}
