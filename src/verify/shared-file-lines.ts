import { splitLines } from '../contracts/index.js';

/** Most characters of file text kept for reuse across resolvers (oldest dropped first). */
const MAX_CHARS = 4_000_000;
/** Texts longer than this are split afresh every time, so one file cannot evict all the others. */
const MAX_TEXT_CHARS = 1_000_000;

const byText = new Map<string, readonly string[]>();
let heldChars = 0;

/**
 * The lines of `text`, the same (frozen) array for the same text: what the resolver derives from a
 * file's lines (the window index of moved-text search) is then built once per content, across
 * Verify rounds and missions, and a changed file is simply a different text. Bounded by size.
 */
export function sharedFileLines(text: string): readonly string[] {
  const held = byText.get(text);
  if (held !== undefined) {
    byText.delete(text);
    byText.set(text, held);
    return held;
  }
  const lines = Object.freeze(splitLines(text));
  if (text.length > MAX_TEXT_CHARS) return lines;
  byText.set(text, lines);
  heldChars += text.length;
  for (const [oldest] of byText) {
    if (heldChars <= MAX_CHARS) break;
    byText.delete(oldest);
    heldChars -= oldest.length;
  }
  return lines;
}
