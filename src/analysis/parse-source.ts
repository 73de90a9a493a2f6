import { createRequire } from 'node:module';
import type { parseSync as ParseSync, Program } from 'oxc-parser';

/**
 * oxc's parser, loaded on the first parse: a native module (~7 MB resident, ~9 ms to load) that a
 * mission over an indexed workspace never calls. `require` loads its ES module on the Node
 * versions `engines` allows; in the CLI bundle it resolves from node_modules, as an external would.
 */
let loadedParser: typeof ParseSync | undefined;
function parseSync(...args: Parameters<typeof ParseSync>): ReturnType<typeof ParseSync> {
  loadedParser ??= (createRequire(import.meta.url)('oxc-parser') as { parseSync: typeof ParseSync })
    .parseSync;
  return loadedParser(...args);
}

/** Files the analysis parses: JavaScript and TypeScript in every module flavour. */
export const PARSED_SOURCE = /\.(?:[cm]?[jt]sx?)$/i;

/** A parsed file: its ESTree program and the line of any offset in it. */
export interface ParsedSource {
  program: Program;
  /** The 1-based line of a node's `start` or `end` offset (UTF-16, as the parser reports them). */
  lineAt(offset: number): number;
}

type Lang = 'js' | 'jsx' | 'ts' | 'tsx' | 'dts';

function langOf(path: string): Lang {
  if (/\.d\.[cm]?ts$/i.test(path)) return 'dts';
  if (/\.[cm]?tsx$/i.test(path)) return 'tsx';
  if (/\.[cm]?ts$/i.test(path)) return 'ts';
  // JavaScript may hold JSX in any of its extensions.
  return 'jsx';
}

/**
 * Parses TypeScript or JavaScript with oxc (TypeScript + JSX; `.d.ts` as declarations), or returns
 * undefined when the file does not parse. A file that does not parse is still searched as text: the
 * analysis adds facts, it never hides files. Parentheses are not kept as nodes, so a node's parent
 * is the expression or statement that holds it.
 */
export function parseSource(path: string, text: string): ParsedSource | undefined {
  if (!PARSED_SOURCE.test(path)) return undefined;
  const lang = langOf(path);
  // JavaScript with type annotations is Flow: what Flow shares with TypeScript (`x: number`, `<T>`,
  // `import type`) parses as TypeScript; Flow's own forms (`?T`, `{| |}`) do not parse at all.
  const found = parsed(path, text, lang) ?? (lang === 'jsx' ? parsed(path, text, 'tsx') : undefined);
  return found === undefined ? undefined : { program: found.program, lineAt: lineIndex(found.text) };
}

/** At most this many rounds of semicolons put where a statement lacks one (each round parses again). */
const REPAIR_ROUNDS = 16;
const MISSING_SEMICOLON = /^Expected a semicolon or an implicit semicolon after a statement/;

/** The one error a program may carry and still count: a top-level `return` (CommonJS allows it). */
const TOLERATED = /^A 'return' statement can only be used within a function body/;

/**
 * The program of `text`, or undefined when it does not parse. A statement that lacks its semicolon
 * (`qxport function f`) stops the parser: a `;` is put where it says one is missing, as Babel's
 * error recovery read such text, and the text is parsed again (a `;` is no line break: every line
 * number stays the same). Any other error leaves the file unparsed.
 */
function parsed(path: string, text: string, lang: Lang): { program: Program; text: string } | undefined {
  let current = text;
  for (let round = 0; round <= REPAIR_ROUNDS; round += 1) {
    let result: ReturnType<typeof parseSync>;
    try {
      result = parseSync(path, current, { lang, sourceType: 'unambiguous', preserveParens: false });
    } catch {
      return undefined;
    }
    const errors = result.errors.filter((error) => !TOLERATED.test(error.message));
    if (errors.length === 0) return { program: result.program, text: current };
    const missing = errors.filter((error) => MISSING_SEMICOLON.test(error.message));
    if (missing.length === 0) return undefined;
    const at = [...new Set(missing.map((error) => error.labels[0]?.start ?? -1))].sort((a, b) => b - a);
    if (at.some((offset) => offset < 0 || offset > current.length)) return undefined;
    for (const offset of at) current = `${current.slice(0, offset)};${current.slice(offset)}`;
  }
  return undefined;
}

/**
 * Line numbers as JavaScript counts line terminators (`\r\n`, `\n`, `\r`, U+2028, U+2029), built on
 * the first question: most files' facts ask only a few.
 */
function lineIndex(text: string): (offset: number) => number {
  let starts: Uint32Array | undefined;
  const build = () => {
    const found: number[] = [0];
    for (let at = 0; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (code === 10 || code === 0x2028 || code === 0x2029) found.push(at + 1);
      else if (code === 13) {
        if (text.charCodeAt(at + 1) === 10) at += 1;
        found.push(at + 1);
      }
    }
    return Uint32Array.from(found);
  };
  return (offset) => {
    starts ??= build();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
