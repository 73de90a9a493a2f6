import type { StructuredPatchHunk } from 'diff';

/** One file change that passed the envelope, with everything `--apply` needs. */
export interface PlannedChange {
  path: string;
  /** The file's bytes when the patch was made; null for a new file. */
  before: Buffer | null;
  beforeSha256: string | null;
  after: string;
  afterSha256: string;
  hunks: StructuredPatchHunk[];
  /** The file's unified diff. */
  diff: string;
  changedLines: number;
}
