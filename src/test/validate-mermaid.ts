import { JSDOM } from 'jsdom';

/** The subset of the mermaid API this module uses; typed here so the import stays lazy. */
interface MermaidParser {
  parse(text: string, options?: { suppressErrors?: boolean }): Promise<unknown>;
}

let parserPromise: Promise<MermaidParser> | undefined;

/**
 * Mermaid bundles DOMPurify, which binds to `globalThis.window` once, when its module is first
 * evaluated; without a window the class diagram parser fails with "DOMPurify.addHook is not a
 * function". So a jsdom window is installed before the first import and removed right after:
 * parsing needs no live DOM, only DOMPurify's captured one.
 */
async function loadMermaid(): Promise<MermaidParser> {
  const globals = globalThis as { window?: unknown; document?: unknown };
  const installed = globals.window === undefined;
  if (installed) {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    globals.window = dom.window;
    globals.document = dom.window.document;
  }
  try {
    const module = await import('mermaid');
    return module.default;
  } finally {
    if (installed) {
      delete globals.window;
      delete globals.document;
    }
  }
}

/**
 * Parses a mermaid diagram with the real mermaid library (the same parser the browser renderer runs)
 * and throws an Error carrying mermaid's message when it is invalid. Layout is not run: that needs a
 * browser, and no syntax error surfaces only there.
 *
 * @example
 * await validateMermaid('graph LR\n  A --> B'); // resolves
 * await validateMermaid('graph LR\n  A -->');   // rejects: "invalid mermaid: Parse error on line 2: …"
 */
export async function validateMermaid(text: string): Promise<void> {
  if (text.trim() === '') throw new Error('invalid mermaid: the diagram is empty');
  parserPromise ??= loadMermaid();
  const mermaid = await parserPromise;
  try {
    await mermaid.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`invalid mermaid: ${message}`, { cause: error });
  }
}
