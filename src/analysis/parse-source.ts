import { type ParserPlugin, parse } from '@babel/parser';
import type { File } from '@babel/types';

/** Files the analysis parses: JavaScript and TypeScript in every module flavour. */
export const PARSED_SOURCE = /\.(?:[cm]?[jt]sx?)$/i;

/**
 * Parses TypeScript or JavaScript with Babel (TypeScript + JSX; error recovery when a strict parse fails), or returns
 * undefined when the file cannot be parsed at all. A file that does not parse is still searched
 * as text: the analysis adds facts, it never hides files.
 */
export function parseSource(path: string, text: string): File | undefined {
  if (!PARSED_SOURCE.test(path)) return undefined;
  const typescript = /\.[cm]?tsx?$/i.test(path);
  const jsx = /x$/i.test(path) || !typescript;
  const plugins: ParserPlugin[] = [typescript ? 'typescript' : 'flow', 'decorators-legacy'];
  if (jsx) plugins.push('jsx');
  // `.d.ts` files declare, they do not run: parse them in ambient mode so `declare` forms are accepted.
  const dts = /\.d\.[cm]?ts$/i.test(path);
  const options = {
    sourceType: 'unambiguous' as const,
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    // No analysis reads comments attached to nodes (the walk skips them): attaching them costs time.
    attachComment: false,
    plugins: dts ? ([['typescript', { dts: true }], 'decorators-legacy'] as ParserPlugin[]) : plugins,
  };
  try {
    return parse(text, options);
  } catch {
    // Error recovery costs about twice the parse time: only files that fail a strict parse pay it.
    try {
      return parse(text, { ...options, errorRecovery: true });
    } catch {
      return undefined;
    }
  }
}
