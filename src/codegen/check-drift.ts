import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GENERATED_FOLDERS, VISION_PATH } from './codegen-paths.js';
import { contentHash } from './content-hash.js';
import { readGeneratedHeader } from './generated-header.js';
import type { GenerationContext } from './generation-context.js';
import { readGenerationManifest } from './generation-manifest.js';
import { planGeneration } from './plan-generation.js';
import { checkVision, readVisionLedger, readVisionSections } from './vision-ledger.js';

/** What `ssot drift` found wrong with one path. */
export interface DriftFinding {
  kind:
    | 'hand-edit'
    | 'stale'
    | 'unexplained'
    | 'missing'
    | 'vision-section-deleted'
    | 'vision-section-rewritten';
  path: string;
  detail: string;
}

async function filesUnder(cwd: string, folder: string): Promise<string[]> {
  const entries = await readdir(join(cwd, folder), { withFileTypes: true, recursive: true }).catch(() => []);
  return (
    entries
      // Tool caches (vitest's under node_modules/.vite) are no one's output to explain.
      .filter(
        (entry) =>
          entry.isFile() &&
          !/(^|[\\/])(node_modules|\.[^\\/]+)([\\/]|$)/.test(relative(cwd, entry.parentPath)),
      )
      .map((entry) => relative(cwd, join(entry.parentPath, entry.name)).split('\\').join('/'))
      .sort()
  );
}

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/**
 * Downstream drift: a generated file whose body no longer matches its own content hash (a hand
 * edit), one generated from another model (stale: the model changed, not regenerated), a file in
 * a generated folder that no model element explains, a file the manifest lists that is gone, and
 * a deleted or rewritten section of the append-only vision document.
 */
export async function checkDrift(context: GenerationContext): Promise<DriftFinding[]> {
  const { cwd } = context;
  const findings: DriftFinding[] = [];
  // The paths the model implies today (behaviour cases do not change paths, so no model is asked).
  const expected = new Set((await planGeneration(context, { target: 'all' })).files.map((file) => file.path));
  const manifest = await readGenerationManifest(cwd);
  const candidates = new Set<string>(manifest.files.map((entry) => entry.path));
  for (const folder of GENERATED_FOLDERS)
    for (const path of await filesUnder(cwd, folder)) candidates.add(path);
  for (const path of [...candidates].sort()) {
    const text = await readOptional(join(cwd, path));
    if (text === undefined) {
      findings.push({ kind: 'missing', path, detail: 'generated earlier (in the manifest) but deleted' });
      continue;
    }
    const header = readGeneratedHeader(text);
    if (header === undefined) {
      findings.push({
        kind: 'unexplained',
        path,
        detail: 'no swarmlord:generated header: no model element explains it',
      });
      continue;
    }
    if (contentHash(header.body) !== header.contentHash) {
      findings.push({
        kind: 'hand-edit',
        path,
        detail: `edited by hand since generation from ${header.element}`,
      });
      continue;
    }
    if (!expected.has(path)) {
      findings.push({
        kind: 'unexplained',
        path,
        detail: `generated from ${header.element}, which the model no longer has (or no longer generates here)`,
      });
      continue;
    }
    if (header.modelHash !== context.modelHash) {
      findings.push({
        kind: 'stale',
        path,
        detail: `generated from model ${header.modelHash.slice(0, 19)}…; the model is now ${context.modelHash.slice(0, 19)}…`,
      });
    }
  }
  const sections = await readVisionSections(cwd);
  if (sections !== undefined) {
    for (const problem of checkVision(await readVisionLedger(cwd), sections)) {
      const what = problem.kind === 'vision-section-deleted' ? 'deleted' : 'rewritten';
      findings.push({
        kind: problem.kind,
        path: VISION_PATH,
        detail: `section "${problem.title}" was ${what} (the document is append-only)`,
      });
    }
  }
  return findings;
}
