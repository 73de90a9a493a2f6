import { makeFact } from './make-fact.js';
import type { SourceFact } from './source-fact.js';

const ENTRY_KEYS = /^\s*"(main|module|bin|types|exports|browser)"\s*:\s*(.*)$/;
const SCRIPT_KEYS = /^\s*"(start|dev|serve|test|build)"\s*:\s*"(.*)"/;

/**
 * Entry points a `package.json` declares (`main`, `module`, `bin`, `exports`, …) and its start/test
 * scripts, line by line, so each fact cites the line that declares it.
 */
export function extractPackageFacts(path: string, text: string): SourceFact[] {
  if (!/(^|\/)package\.json$/.test(path)) return [];
  const facts: SourceFact[] = [];
  let inScripts = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*"scripts"\s*:/.test(line)) inScripts = true;
    else if (inScripts && /^\s*}/.test(line)) inScripts = false;
    const entry = ENTRY_KEYS.exec(line);
    if (entry !== null && !inScripts) {
      const value = (entry[2] ?? '').replace(/,\s*$/, '').trim();
      const shown = value === '{' || value === '' ? '' : ` ${value}`;
      facts.push(
        makeFact('entry-point', path, index + 1, `${path} declares the "${entry[1]}" entry point${shown}`, [
          entry[1] ?? '',
          value,
        ]),
      );
    }
    const script = inScripts ? SCRIPT_KEYS.exec(line) : null;
    if (script !== null) {
      facts.push(
        makeFact('entry-point', path, index + 1, `${path} declares the "${script[1]}" script`, [
          script[1] ?? '',
        ]),
      );
    }
  });
  return facts;
}
