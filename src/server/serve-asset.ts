import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The browser files are plain JavaScript and CSS, kept in the source tree and shipped with the
// package (`files`): from `src/server/` and `dist/server/` alike this is `<package>/src/server/assets/`.
const ASSETS_DIR = fileURLToPath(new URL('../../src/server/assets/', import.meta.url));

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The asset named `name` (letters, digits, dashes; `.js` or `.css`) with its content type, or undefined. */
export async function readAsset(name: string): Promise<{ body: string; type: string } | undefined> {
  const match = /^[a-z0-9-]+\.(js|css)$/.exec(name);
  const type = match?.[1] === undefined ? undefined : TYPES[match[1]];
  if (type === undefined) return undefined;
  const body = await readFile(`${ASSETS_DIR}${name}`, 'utf8').catch(() => undefined);
  return body === undefined ? undefined : { body, type };
}

let mermaidScript: Promise<string | undefined> | undefined;

/**
 * Mermaid's browser bundle from the installed package (a dependency), so diagrams render as SVG
 * with no CDN and no network; read once, kept for the server's life.
 */
export function readMermaidScript(): Promise<string | undefined> {
  mermaidScript ??= (async () => {
    try {
      const path = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  })();
  return mermaidScript;
}
