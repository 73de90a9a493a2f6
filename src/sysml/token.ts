/**
 * Tokens produced by the SysML lexer.
 */

/** The lexical category of a token. */
export type TokenKind =
  /** A basic name or an unrestricted name (`'…'`); `text` holds the unescaped name. */
  | 'name'
  /** A reserved keyword, written as a basic name. */
  | 'keyword'
  /** A `"…"` string literal; `text` holds the unescaped value. */
  | 'string'
  /** A DECIMAL literal, `[0-9]+`. */
  | 'decimal'
  /** An EXP literal, `DECIMAL [eE] [+-]? DECIMAL`. */
  | 'exponent'
  /** A symbol such as `::`, `:>>` or `{`. */
  | 'symbol'
  /** A REGULAR_COMMENT `/* … *\/`; `text` holds the raw comment including delimiters. */
  | 'comment'
  /** End of input. */
  | 'end-of-file';

/** One token with its position in the source. */
export interface Token {
  kind: TokenKind;
  /** The token's value: unescaped for names and strings, raw for everything else. */
  text: string;
  /** True for unrestricted names written in single quotes; such names are never keywords. */
  quoted: boolean;
  /** Offset of the first character in the source. */
  start: number;
  /** Offset just past the last character in the source. */
  end: number;
  /** 1-based line of the first character. */
  line: number;
  /** 1-based column of the first character. */
  column: number;
}
