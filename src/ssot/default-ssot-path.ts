import { fileURLToPath } from 'node:url';

/**
 * The default model shipped with the package (`ssot/HFO_SSOT.sysml` at the package root). The URL is
 * two levels up from this module both in `src/ssot/` (tests) and in `dist/ssot/` (the build), and the
 * package's `files` ships `ssot/`.
 */
export const DEFAULT_SSOT_PATH: string = fileURLToPath(new URL('../../ssot/HFO_SSOT.sysml', import.meta.url));

/** Where a project keeps its own model, relative to its root. */
export const PROJECT_SSOT_FILE = 'ssot/HFO_SSOT.sysml';
