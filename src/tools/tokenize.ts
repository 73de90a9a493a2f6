/** Character classes of the tokenizer: a separator, a lower-case letter or digit, an upper-case letter. */
const SEPARATOR = 0;
const LOWER_OR_DIGIT = 1;
const UPPER = 2;

function classOf(code: number): number {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return LOWER_OR_DIGIT;
  if (code >= 65 && code <= 90) return UPPER;
  return SEPARATOR;
}

/** Where a text's tokens are: `[starts[i], ends[i])` for `i < count` (arrays grown as needed). */
export interface TokenSpans {
  starts: Uint32Array;
  ends: Uint32Array;
  count: number;
}

export function createTokenSpans(): TokenSpans {
  return { starts: new Uint32Array(256), ends: new Uint32Array(256), count: 0 };
}

function push(spans: TokenSpans, start: number, end: number): void {
  if (spans.count === spans.starts.length) {
    const starts = new Uint32Array(spans.count * 2);
    const ends = new Uint32Array(spans.count * 2);
    starts.set(spans.starts);
    ends.set(spans.ends);
    spans.starts = starts;
    spans.ends = ends;
  }
  spans.starts[spans.count] = start;
  spans.ends[spans.count] = end;
  spans.count += 1;
}

/**
 * The identifier tokens of `text` as spans, no string made (see {@link tokenizeIdentifiers}):
 * words of ASCII letters and digits, a new word at an upper-case letter after a lower-case letter
 * or digit, words of one character dropped.
 */
export function identifierSpans(text: string, spans: TokenSpans): void {
  spans.count = 0;
  let start = -1;
  let previous = SEPARATOR;
  for (let at = 0; at < text.length; at += 1) {
    const kind = classOf(text.charCodeAt(at));
    if (kind === SEPARATOR) {
      if (start !== -1 && at - start > 1) push(spans, start, at);
      start = -1;
    } else if (kind === UPPER && previous === LOWER_OR_DIGIT) {
      if (at - start > 1) push(spans, start, at);
      start = at;
    } else if (start === -1) start = at;
    previous = kind;
  }
  if (start !== -1 && text.length - start > 1) push(spans, start, text.length);
}

const shared = createTokenSpans();

/**
 * Splits identifiers so `createSessionToken` and `session_token` match `session token`: the same
 * tokens as `replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/)` without the words of
 * one character, in one pass over the text.
 */
export function tokenizeIdentifiers(text: string): string[] {
  identifierSpans(text, shared);
  const tokens = new Array<string>(shared.count);
  for (let index = 0; index < shared.count; index += 1)
    tokens[index] = text.slice(shared.starts[index], shared.ends[index]);
  return tokens;
}
