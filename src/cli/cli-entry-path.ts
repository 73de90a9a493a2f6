import { fileURLToPath } from 'node:url';

/**
 * The built CLI's entry (`dist/cli/main.js`), for code that starts it as a child process. Resolved
 * from a module two folders below the package root, which holds in every layout: this file's tsc
 * output (`dist/cli/`), the bundle's chunks beside the entry (`dist/cli/chunk-*.js`, decision 0032)
 * and the TypeScript source under test (`src/cli/`).
 */
export const CLI_ENTRY_PATH: string = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
