import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STANDARD_LIBRARY_ROOT } from '../sysml/corpus-files.js';
import type { SysmlDiagnostic } from '../sysml/model-types.js';
import { type AgentRegistry, createAgentRegistry } from './agent-registry.js';
import { codeSourcesOf, fingerprintCodeSources } from './code-fingerprint.js';
import { readSsotFiles, resolveSsotFiles, type SsotLoadOptions } from './ssot-files.js';
import {
  agentSourceOf,
  asSsotSnapshot,
  SSOT_SNAPSHOT_FORMAT,
  type SsotSnapshot,
  snapshotSsot,
} from './ssot-snapshot.js';

/** Where the snapshots live, relative to the working directory. */
export const SSOT_CACHE_DIR = join('hfo_cache', 'ssot');

export interface SsotRegistryOptions extends SsotLoadOptions {
  /** The snapshot folder; default `hfo_cache/ssot` under `cwd`. `false`: no disk cache (still memoized per process). */
  cacheDir?: string | false;
}

/** The SSOT as a mission uses it: the agents, every diagnostic, the files read. */
export interface SsotRegistryResult {
  registry: AgentRegistry;
  diagnostics: SysmlDiagnostic[];
  files: string[];
  /** Where the agents came from: parsed now, this process's memo, or the disk snapshot. */
  source: 'parsed' | 'memory' | 'disk';
}

let codeFingerprint: string | undefined;

/**
 * What else decides the model besides the SSOT files: the package version and the code of the
 * parser, the resolver, this folder and the shipped standard library, by path, size and mtime (a
 * rebuild or an edit changes it; `codeSourcesOf` says which files hold that code). Computed once
 * per process: the code running does not change.
 */
function fingerprintCode(): string {
  codeFingerprint ??= fingerprintCodeSources(
    fileURLToPath(new URL('../../package.json', import.meta.url)),
    codeSourcesOf(fileURLToPath(import.meta.url), STANDARD_LIBRARY_ROOT),
  );
  return codeFingerprint;
}

/** This process's snapshots by key (a `run` reads the SSOT twice: clarification and the mission). */
const memo = new Map<string, SsotSnapshot>();

async function readSnapshot(path: string): Promise<SsotSnapshot | undefined> {
  try {
    return asSsotSnapshot(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    // Missing, half-written by a crashed process or unreadable: parse instead.
    return undefined;
  }
}

/** Writes the snapshot atomically (temp file, rename) and drops the folder's older snapshots. */
async function writeSnapshot(folder: string, key: string, snapshot: SsotSnapshot): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${key}.json`);
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(snapshot), { mode: 0o600 });
    await rename(temp, target);
    for (const name of await readdir(folder)) {
      if (name !== `${key}.json` && name.endsWith('.json')) await rm(join(folder, name), { force: true });
    }
  } catch {
    // The cache only saves time: a read-only or full disk costs the next mission a parse, nothing else.
  }
}

/**
 * The SSOT's agent registry and diagnostics, as `loadSsot` gives them, without parsing when nothing
 * changed: the resolved agents are kept as a snapshot keyed by the sha256 of every SSOT file's name
 * and content, the package version and the parser's code (decision 0029). An edited SSOT file, a
 * new file under `ssot/`, another package version or a rebuilt parser is another key, so a stale
 * snapshot is never read. Environment overrides (`SWARMLORD_MODEL_<ROLE>`) apply on every load.
 */
export async function loadSsotRegistry(options: SsotRegistryOptions): Promise<SsotRegistryResult> {
  const cwd = resolve(options.cwd);
  const sources = await readSsotFiles(cwd, await resolveSsotFiles(options));
  const hash = createHash('sha256');
  hash.update(`${SSOT_SNAPSHOT_FORMAT}\n${fingerprintCode()}\n${options.withoutDefault === true}\n`);
  for (const source of sources) {
    hash.update(`${source.file}\0${createHash('sha256').update(source.text).digest('hex')}\n`);
  }
  const key = hash.digest('hex');
  const env = options.env ?? process.env;
  const result = (snapshot: SsotSnapshot, source: SsotRegistryResult['source']): SsotRegistryResult => ({
    registry: createAgentRegistry(agentSourceOf(snapshot), { env }),
    diagnostics: [...snapshot.diagnostics],
    files: [...snapshot.files],
    source,
  });

  const remembered = memo.get(key);
  if (remembered !== undefined) return result(remembered, 'memory');
  const folder = options.cacheDir === false ? undefined : resolve(cwd, options.cacheDir ?? SSOT_CACHE_DIR);
  const stored = folder === undefined ? undefined : await readSnapshot(join(folder, `${key}.json`));
  if (stored !== undefined) {
    memo.set(key, stored);
    return result(stored, 'disk');
  }
  // The parser and resolver are loaded only now: a mission on an unchanged SSOT never loads them.
  const { buildSsot } = await import('./load-ssot.js');
  const snapshot = snapshotSsot(buildSsot(sources, options));
  memo.set(key, snapshot);
  if (folder !== undefined) await writeSnapshot(folder, key, snapshot);
  return result(snapshot, 'parsed');
}

/** Forgets this process's snapshots (tests). */
export function clearSsotRegistryMemo(): void {
  memo.clear();
}
