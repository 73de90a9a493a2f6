import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { CodegenError } from './codegen-error.js';
import { MANIFEST_PATH } from './codegen-paths.js';
import { contentHash } from './content-hash.js';
import type { GenerationContext } from './generation-context.js';
import { readGenerationManifest } from './generation-manifest.js';

/** Where molts are archived, and the generation counter beside them. */
export const MOLT_DIR = 'hfo_molt';
export const GENERATION_PATH = 'hfo_molt/generation.json';
export const MOLT_FORMAT = 'swarmlord.molt/v1';
const BLACKBOARD_PATH = 'hfo_blackboard/obsidian_synapse_blackboard.jsonl';
const DIGESTS_DIR = 'hfo_digests';

/** `hfo_molt/generation.json`: the current generation and the hash of every archived one. */
export interface GenerationRecord {
  generation: number;
  molts: { generation: number; archive: string; archive_hash: string; created_at: string }[];
}

/** `MOLT.json` of an archive: what it holds, each file's hash, and the archive's own hash. */
export interface MoltIndex {
  format: typeof MOLT_FORMAT;
  generation: number;
  created_at: string;
  model_hash: string;
  blackboard: { path: string; head_hash: string | null; receipts: number } | null;
  files: { path: string; sha256: string }[];
  /** sha256 of this index without this field (canonical JSON), so any archived byte shows. */
  archive_hash: string;
}

export async function readGenerationRecord(cwd: string): Promise<GenerationRecord> {
  const text = await readFile(join(cwd, GENERATION_PATH), 'utf8').catch(() => undefined);
  return text === undefined ? { generation: 1, molts: [] } : (JSON.parse(text) as GenerationRecord);
}

function indexHash(index: Omit<MoltIndex, 'archive_hash'>): string {
  return contentHash(JSON.stringify(index));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function filesBelow(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The last receipt's hash: the head of the hash chain at the time of the molt. */
function blackboardHead(text: string): { head: string | null; receipts: number } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  const head = last === undefined ? null : ((JSON.parse(last) as { hash?: string }).hash ?? null);
  return { head, receipts: lines.length };
}

/**
 * Archives generation N under `hfo_molt/gen_<N>/`: the SSOT files, the generated artifacts with
 * their manifest, the blackboard (with its head hash) and the digests; writes `MOLT.json` with
 * every file's hash and the archive's own, then bumps the generation to N+1.
 */
export async function moltGeneration(
  context: GenerationContext,
  now: Date,
): Promise<{ archive: string; index: MoltIndex; next: number }> {
  const { cwd } = context;
  const record = await readGenerationRecord(cwd);
  const archive = `${MOLT_DIR}/gen_${record.generation}`;
  const root = join(cwd, archive);
  if (await exists(root)) {
    throw new CodegenError(
      'MOLT_INVALID',
      `${archive} already exists; generation ${record.generation} was molted`,
    );
  }
  const copy = async (from: string, to: string) => {
    await mkdir(dirname(join(root, to)), { recursive: true });
    await copyFile(from, join(root, to));
  };
  for (const file of context.ssot.files) {
    // The packaged default model is outside the project: archived under its own name.
    const inside = !isAbsolute(file) && !file.startsWith('..');
    await copy(join(inside ? cwd : '', file), inside ? `ssot/${file}` : `ssot/packaged/${basename(file)}`);
  }
  const manifest = await readGenerationManifest(cwd);
  if (await exists(join(cwd, MANIFEST_PATH))) await copy(join(cwd, MANIFEST_PATH), 'generated/manifest.json');
  for (const entry of manifest.files) {
    if (await exists(join(cwd, entry.path)))
      await copy(join(cwd, entry.path), `generated/files/${entry.path}`);
  }
  let blackboard: MoltIndex['blackboard'] = null;
  if (await exists(join(cwd, BLACKBOARD_PATH))) {
    await copy(join(cwd, BLACKBOARD_PATH), `blackboard/${basename(BLACKBOARD_PATH)}`);
    const { head, receipts } = blackboardHead(
      await readFile(join(root, 'blackboard', basename(BLACKBOARD_PATH)), 'utf8'),
    );
    blackboard = { path: `blackboard/${basename(BLACKBOARD_PATH)}`, head_hash: head, receipts };
  }
  for (const file of await filesBelow(join(cwd, DIGESTS_DIR)))
    await copy(join(cwd, DIGESTS_DIR, file), `digests/${file}`);
  const files = [];
  for (const path of await filesBelow(root))
    files.push({ path, sha256: contentHash(await readFile(join(root, path))) });
  const unsigned = {
    format: MOLT_FORMAT,
    generation: record.generation,
    created_at: now.toISOString(),
    model_hash: context.modelHash,
    blackboard,
    files,
  } as const;
  const index: MoltIndex = { ...unsigned, archive_hash: indexHash(unsigned) };
  await writeFile(join(root, 'MOLT.json'), `${JSON.stringify(index, null, 2)}\n`, 'utf8');
  const next: GenerationRecord = {
    generation: record.generation + 1,
    molts: [
      ...record.molts,
      {
        generation: record.generation,
        archive,
        archive_hash: index.archive_hash,
        created_at: index.created_at,
      },
    ],
  };
  await writeFile(join(cwd, GENERATION_PATH), `${JSON.stringify(next, null, 2)}\n`, 'utf8');
  return { archive, index, next: next.generation };
}

/** One problem `molt verify` found. */
export interface MoltProblem {
  path: string;
  problem: string;
}

/**
 * Re-checks an archive: every file's hash, no file unlisted, the blackboard head against the
 * archived chain, the index's own hash, and that hash against the generation record.
 */
export async function verifyMolt(
  cwd: string,
  archive: string,
): Promise<{ index: MoltIndex | undefined; problems: MoltProblem[] }> {
  const root = isAbsolute(archive) ? archive : join(cwd, archive);
  const text = await readFile(join(root, 'MOLT.json'), 'utf8').catch(() => undefined);
  if (text === undefined)
    return { index: undefined, problems: [{ path: 'MOLT.json', problem: 'missing: not a molt archive' }] };
  let index: MoltIndex;
  try {
    index = JSON.parse(text) as MoltIndex;
  } catch {
    return { index: undefined, problems: [{ path: 'MOLT.json', problem: 'not valid JSON' }] };
  }
  const problems: MoltProblem[] = [];
  const { archive_hash: recorded, ...unsigned } = index;
  if (indexHash(unsigned) !== recorded)
    problems.push({ path: 'MOLT.json', problem: 'the index does not match its archive hash' });
  const listed = new Map(index.files.map((file) => [file.path, file.sha256]));
  for (const path of await filesBelow(root)) {
    if (path === 'MOLT.json') continue;
    const expected = listed.get(path);
    if (expected === undefined) problems.push({ path, problem: 'not in the index (added after the molt)' });
    else if (contentHash(await readFile(join(root, path))) !== expected)
      problems.push({ path, problem: 'hash mismatch' });
    listed.delete(path);
  }
  for (const path of listed.keys()) problems.push({ path, problem: 'listed but missing' });
  if (index.blackboard !== null) {
    const chain = await readFile(join(root, index.blackboard.path), 'utf8').catch(() => '');
    if (blackboardHead(chain).head !== index.blackboard.head_hash) {
      problems.push({ path: index.blackboard.path, problem: 'head hash differs from the recorded head' });
    }
  }
  const record = await readGenerationRecord(cwd);
  const entry = record.molts.find((molt) => molt.generation === index.generation);
  if (entry !== undefined && entry.archive_hash !== recorded) {
    problems.push({
      path: GENERATION_PATH,
      problem: `generation ${index.generation} was recorded with another archive hash`,
    });
  }
  return { index, problems };
}
