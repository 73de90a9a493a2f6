import { createHash } from 'node:crypto';
import type { WorkspaceFile } from './scan-workspace.js';

/** Per file object: the text hashed and its hash (a changed text is hashed again, never answered stale). */
const known = new WeakMap<WorkspaceFile, { text: string; hash: string }>();

/**
 * The sha256 (hex) of a scanned file's text as UTF-8, computed once per file object and text: the
 * index cache key, the per-file analysis memo and the mission journal's workspace fingerprint all
 * need it, and a 5k-file workspace is 40 MB of text to hash. The remembered hash is used only while
 * `file.text` is the very text it was computed from.
 */
export function fileContentHash(file: WorkspaceFile): string {
  const entry = known.get(file);
  if (entry !== undefined && entry.text === file.text) return entry.hash;
  const hash = createHash('sha256').update(file.text, 'utf8').digest('hex');
  known.set(file, { text: file.text, hash });
  return hash;
}
