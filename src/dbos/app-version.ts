import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application version DBOS pins on every workflow: a hash of this build's code (every module
 * of the package's compiled tree). A worker of another build has another version, so it neither
 * dequeues nor recovers this build's missions. `SWARMLORD_APP_VERSION` overrides it (a deployment
 * that stamps its own build id).
 */
export async function computeAppVersion(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const pinned = env.SWARMLORD_APP_VERSION?.trim();
  if (pinned !== undefined && pinned !== '') return pinned;
  // dist/dbos/app-version.js → dist/ (or src/ when run from source).
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter(
      (entry) => entry.isFile() && /\.(js|ts)$/.test(entry.name) && !/\.test\.(js|ts)$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    hash.update(await readFile(file));
  }
  return `swarmlord-${hash.digest('hex').slice(0, 16)}`;
}
