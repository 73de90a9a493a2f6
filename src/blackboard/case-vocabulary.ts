/**
 * The case index's terms and rows as the search reads them: one term or one row at a time, so an
 * index read back from its file decodes only what a query touches (the terms its binary search and
 * prefix scan compare, the fuzzy candidates its length and character filters let through, the rows
 * of its hits), not the whole window.
 */

/** Sorted terms, and what the fuzzy match needs to skip most of them without reading them. */
export interface CaseVocabulary {
  readonly length: number;
  /** Term `term` (sorted by code unit). */
  at(term: number): string;
  /** Term numbers by length in code units, ascending numbers within one length. */
  byLength(): Uint32Array;
  /** `lengthStarts()[n]` is where terms of length `n` start in `byLength()` (`n + 1`: where they end). */
  lengthStarts(): Uint32Array;
  /** Per term, the set of its code units folded to 32 bits (`characterMask`). */
  masks(): Uint32Array;
}

/** The fuzzy tables of `length` terms read through `at`. */
export interface FuzzyTables {
  byLength: Uint32Array;
  lengthStarts: Uint32Array;
  masks: Uint32Array;
}

/** The characters of `text`, each as bit `code mod 32`. */
export function characterMask(text: string): number {
  let mask = 0;
  for (let at = 0; at < text.length; at += 1) mask |= 1 << (text.charCodeAt(at) & 31);
  return mask >>> 0;
}

/** The fuzzy tables of `terms` (a counting sort by length: numbers stay ascending within a length). */
export function fuzzyTablesOf(terms: readonly string[]): FuzzyTables {
  let longest = 0;
  const masks = new Uint32Array(terms.length);
  for (let term = 0; term < terms.length; term += 1) {
    const text = terms[term] as string;
    if (text.length > longest) longest = text.length;
    masks[term] = characterMask(text);
  }
  const lengthStarts = new Uint32Array(longest + 2);
  for (const text of terms) lengthStarts[text.length + 1] = (lengthStarts[text.length + 1] as number) + 1;
  for (let length = 1; length < lengthStarts.length; length += 1)
    lengthStarts[length] = (lengthStarts[length] as number) + (lengthStarts[length - 1] as number);
  const next = lengthStarts.slice(0, longest + 1);
  const byLength = new Uint32Array(terms.length);
  for (let term = 0; term < terms.length; term += 1) {
    const length = (terms[term] as string).length;
    byLength[next[length] as number] = term;
    next[length] = (next[length] as number) + 1;
  }
  return { byLength, lengthStarts, masks };
}

/** The vocabulary of terms held as strings; its fuzzy tables are made on first use. */
export function vocabularyOf(terms: readonly string[], tables?: FuzzyTables): CaseVocabulary {
  let made = tables;
  const fuzzy = () => {
    made ??= fuzzyTablesOf(terms);
    return made;
  };
  return {
    length: terms.length,
    at: (term) => terms[term] as string,
    byLength: () => fuzzy().byLength,
    lengthStarts: () => fuzzy().lengthStarts,
    masks: () => fuzzy().masks,
  };
}

/**
 * Strings kept as one run of code units: Latin-1 bytes when every unit is below 256, else UTF-16LE
 * (either gives back every code unit exactly, lone surrogates included), with each string's end.
 */
export interface PackedStrings {
  wide: boolean;
  /** End of each string, in code units from the first. */
  ends: Uint32Array;
  bytes: Buffer;
}

export function packStrings(strings: readonly string[]): PackedStrings {
  const joined = strings.join('');
  // Latin-1 holds the text when it gives every code unit back (none is above 255).
  const narrow = Buffer.from(joined, 'latin1');
  const wide = narrow.toString('latin1') !== joined;
  const ends = new Uint32Array(strings.length);
  let at = 0;
  for (let index = 0; index < strings.length; index += 1) {
    at += (strings[index] as string).length;
    ends[index] = at;
  }
  return { wide, ends, bytes: wide ? Buffer.from(joined, 'utf16le') : narrow };
}

/** Strings `[first, last)` of packed strings (their bytes shared, not copied). */
export function slicePacked(packed: PackedStrings, first: number, last: number): PackedStrings {
  const unit = packed.wide ? 2 : 1;
  const from = first === 0 ? 0 : (packed.ends[first - 1] as number);
  const to = last === 0 ? 0 : (packed.ends[last - 1] as number);
  const ends = packed.ends.slice(first, last);
  if (from > 0)
    for (let index = 0; index < ends.length; index += 1) ends[index] = (ends[index] as number) - from;
  return { wide: packed.wide, ends, bytes: packed.bytes.subarray(from * unit, to * unit) };
}

/** `left`'s strings then `right`'s, as packed strings (UTF-16LE when either is). */
export function concatPacked(left: PackedStrings, right: PackedStrings): PackedStrings {
  const wide = left.wide || right.wide;
  const widened = (packed: PackedStrings) =>
    packed.wide === wide ? packed.bytes : Buffer.from(packed.bytes.toString('latin1'), 'utf16le');
  const ends = new Uint32Array(left.ends.length + right.ends.length);
  ends.set(left.ends);
  const shift = left.ends.length === 0 ? 0 : (left.ends[left.ends.length - 1] as number);
  for (let index = 0; index < right.ends.length; index += 1)
    ends[left.ends.length + index] = (right.ends[index] as number) + shift;
  return { wide, ends, bytes: Buffer.concat([widened(left), widened(right)]) };
}

/** String `index` of packed strings, decoded when first asked and then remembered. */
export function unpackedAt(packed: PackedStrings): (index: number) => string {
  const decoded: Array<string | undefined> = new Array(packed.ends.length);
  const unit = packed.wide ? 2 : 1;
  const encoding = packed.wide ? 'utf16le' : 'latin1';
  return (index) => {
    let text = decoded[index];
    if (text === undefined) {
      const from = index === 0 ? 0 : (packed.ends[index - 1] as number);
      text = packed.bytes.toString(encoding, from * unit, (packed.ends[index] as number) * unit);
      decoded[index] = text;
    }
    return text;
  };
}

/** Every string of packed strings: one decode of all the bytes, cut at the ends. */
export function unpackAll(packed: PackedStrings): string[] {
  const text = packed.bytes.toString(packed.wide ? 'utf16le' : 'latin1');
  const strings = new Array<string>(packed.ends.length);
  let from = 0;
  for (let index = 0; index < packed.ends.length; index += 1) {
    const to = packed.ends[index] as number;
    strings[index] = text.slice(from, to);
    from = to;
  }
  return strings;
}

/** What a hit shows of its document, read one document at a time. */
export interface CaseRows {
  readonly count: number;
  missionId(document: number): string;
  seq(document: number): number;
  summary(document: number): string;
}

/** The rows of documents `[first, last)` of `base` followed by every row of `extra`. */
export function concatRows(base: CaseRows, first: number, last: number, extra: CaseRows): CaseRows {
  const kept = last - first;
  if (kept === base.count && extra.count === 0) return base;
  if (kept === 0) return extra;
  return {
    count: kept + extra.count,
    missionId: (document) =>
      document < kept ? base.missionId(first + document) : extra.missionId(document - kept),
    seq: (document) => (document < kept ? base.seq(first + document) : extra.seq(document - kept)),
    summary: (document) =>
      document < kept ? base.summary(first + document) : extra.summary(document - kept),
  };
}
