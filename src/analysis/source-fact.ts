/** What kind of structural fact the analysis found. */
export type SourceFactKind =
  | 'defines'
  | 'exports'
  | 'imports'
  | 'route'
  | 'entry-point'
  | 'test'
  | 'calls'
  | 'risk';

/**
 * One structural fact about a workspace file, pinned to the lines that show it. `statement` is a
 * sentence a machine can check against those lines: every identifier, path fragment and literal
 * it names occurs in them (line numbers never appear in it: the citation carries them).
 */
export interface SourceFact {
  kind: SourceFactKind;
  /** Workspace-relative path with `/` separators. */
  path: string;
  /** First line of the evidence (1-based). */
  line: number;
  /** Last line of the evidence (inclusive), usually `line`. */
  endLine: number;
  /** The checkable sentence, e.g. `src/app.ts exports class App`. */
  statement: string;
  /** Names the fact is about (symbols, import specifiers, route paths, test titles). */
  names: string[];
  /** Lowercase words of `names` and the path, for matching an objective. */
  terms: string[];
  /** Rule id of a risk finding, e.g. `sql-string-built`. */
  ruleId?: string;
  /** Workspace path an import resolves to, when it is a workspace file. */
  target?: string;
}
