import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * A module's static imports as TypeScript emits them under `verbatimModuleSyntax`: `import type` and
 * `export type` are erased; every other `import … from`, `export … from` and bare `import '…'` stays
 * (also `import { type X }`, which keeps the module). `import(…)` is dynamic and not an edge.
 */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type[\s{])(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

export function staticImports(text: string): string[] {
  return [...text.matchAll(STATIC_IMPORT)].map((match) => match[1] as string);
}

/** A package name of a bare specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** What a walk from entry files reaches through static imports only. */
export interface StaticImportGraph {
  /** Source files reached, relative to `root`. */
  files: string[];
  /** Packages reached, each with the import chain (files relative to `root`) that reaches it first. */
  packages: Map<string, string[]>;
}

/**
 * Walks the static import graph of `.ts` sources from `entries` (breadth first, so each chain is a
 * shortest one). Relative `.js` specifiers are read as their `.ts` sources; `node:` modules are left out.
 */
export function walkStaticImports(root: string, entries: readonly string[]): StaticImportGraph {
  const previous = new Map<string, string | undefined>();
  const queue: string[] = [];
  for (const entry of entries) {
    const path = resolve(root, entry);
    if (!existsSync(path)) throw new Error(`no such entry file: ${entry}`);
    previous.set(path, undefined);
    queue.push(path);
  }
  const chainTo = (file: string): string[] => {
    const chain: string[] = [];
    for (let at: string | undefined = file; at !== undefined; at = previous.get(at))
      chain.unshift(relative(root, at));
    return chain;
  };
  const packages = new Map<string, string[]>();
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        const name = packageOf(specifier);
        if (!packages.has(name)) packages.set(name, [...chainTo(file), specifier]);
        continue;
      }
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      if (!existsSync(target)) throw new Error(`${relative(root, file)}: cannot resolve ${specifier}`);
      if (previous.has(target)) continue;
      previous.set(target, file);
      queue.push(target);
    }
  }
  return { files: [...previous.keys()].map((file) => relative(root, file)), packages };
}
