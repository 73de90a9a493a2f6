import type { Claim, FileEvidenceRef } from '../contracts/index.js';
import { hashLineRange, sha256Hex, splitLines } from '../contracts/index.js';

/** Mutations that make a claim false or its ref broken: the gate must catch each. */
export const LIE_CLASSES = [
  'hash-forged',
  'path-traversal',
  'range-out-of-bounds',
  'file-missing',
  'quote-altered',
  'number-perturbed',
  'identifier-absent',
  'homoglyph',
  'blank-evidence',
  'false-claim-real-ref',
] as const;

/** Edits that leave a claim true: the gate must not count them as hallucinations. */
export const HARMLESS_CLASSES = ['clean', 'whitespace-only', 'relocated', 'crlf', 'dot-slash-path'] as const;

/** Every class of the quality set. */
export type QualityClass = (typeof LIE_CLASSES)[number] | (typeof HARMLESS_CLASSES)[number];

/** One labelled case: a claim, the workspace file it is checked against, and whether it lies. */
export interface QualityCase {
  class: QualityClass;
  lie: boolean;
  claim: Claim;
}

/** A labelled mutation set: the files to write into a workspace and the cases over them. */
export interface QualitySet {
  files: Record<string, string>;
  cases: QualityCase[];
}

interface Anchor {
  path: string;
  text: string;
  line: number;
  identifier: string;
  number: string;
}

const IDENTIFIER = /(?<![\w$])([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)(?![\w$])/;
const NUMBER = /(?<![\w.$])(\d{1,6})(?![\w.])/;
const HOMOGLYPHS: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441' };

/** Lines of a source file that carry a code identifier and a number: checkable claims can be made of them. */
function findAnchors(path: string, text: string): Anchor[] {
  return splitLines(text).flatMap((line, index) => {
    const identifier = IDENTIFIER.exec(line)?.[1];
    const number = NUMBER.exec(line.replace(/\/\/.*$/, ''))?.[1];
    if (identifier === undefined || number === undefined || !/[aeoc]/.test(identifier)) return [];
    return [{ path, text, line: index + 1, identifier, number }];
  });
}

function honestText(anchor: Anchor): string {
  return `\`${anchor.identifier}\` appears here with the value ${anchor.number}.`;
}

function refTo(path: string, text: string, line: number, quote?: string): FileEvidenceRef {
  const sha256 = hashLineRange(text, [line, line]) ?? '';
  return { kind: 'file', path, lines: [line, line], sha256, ...(quote === undefined ? {} : { quote }) };
}

/**
 * A number near `value` that the cited line does not hold (`? 1 : 0` perturbed to 1 would still be
 * true of the line): the perturbed claim is a lie of the line, whatever file the corpus picks.
 */
function perturbedNumber(value: string, lineText: string): number {
  let candidate = Number(value) + 1;
  while (new RegExp(`(^|[^\\w.])${String(candidate).replace('.', '\\.')}(?![\\w.])`).test(lineText))
    candidate += 1;
  return candidate;
}

/**
 * Generates a labelled set from real source files: for each anchor line (an identifier and a
 * number on it), one case per class. Each case gets its own copy of the file (`cases/<n>/<path>`)
 * so that harmless edits of the workspace do not touch other cases. Deterministic for its input.
 */
export function generateQualitySet(
  sources: readonly { path: string; text: string }[],
  perFile = 1,
): QualitySet {
  const anchors = sources.flatMap((source) => findAnchors(source.path, source.text).slice(0, perFile));
  const files: Record<string, string> = {};
  const cases: QualityCase[] = [];
  const classes: QualityClass[] = [...LIE_CLASSES, ...HARMLESS_CLASSES];
  anchors.forEach((anchor, anchorIndex) => {
    // Another anchor's claim is a lie here only if its identifier is absent from this line.
    const lineText = splitLines(anchor.text)[anchor.line - 1] ?? '';
    const other = [...anchors.slice(anchorIndex + 1), ...anchors.slice(0, anchorIndex)].find(
      (candidate) => !lineText.includes(candidate.identifier),
    );
    for (const klass of classes) {
      const id = `q${cases.length + 1}`;
      const path = `cases/${id}/${anchor.path}`;
      let text = anchor.text;
      let claimText = honestText(anchor);
      let ref = refTo(path, text, anchor.line, anchor.identifier);
      switch (klass) {
        case 'hash-forged':
          ref = { ...ref, sha256: sha256Hex(`forged:${id}`) };
          break;
        case 'path-traversal':
          ref = { ...ref, path: `../../../${anchor.path}` };
          break;
        case 'range-out-of-bounds':
          ref = { ...ref, lines: [90_000, 90_000], sha256: sha256Hex(`past:${id}`) };
          break;
        case 'file-missing':
          ref = { ...ref, path: `cases/${id}/gone/${anchor.path}` };
          break;
        case 'quote-altered':
          ref = { ...ref, quote: `${anchor.identifier}Altered` };
          break;
        case 'number-perturbed':
          claimText = claimText.replace(
            ` ${anchor.number}.`,
            ` ${perturbedNumber(anchor.number, lineText)}.`,
          );
          break;
        case 'identifier-absent':
          claimText = claimText.replace(`\`${anchor.identifier}\``, `\`${anchor.identifier}Async\``);
          break;
        case 'homoglyph': {
          const spoofed = anchor.identifier.replace(/[aeoc]/, (letter) => HOMOGLYPHS[letter] ?? letter);
          claimText = claimText.replace(anchor.identifier, spoofed);
          break;
        }
        case 'blank-evidence': {
          text = `${anchor.text}\n\n`;
          const blank = splitLines(text).length - 1;
          ref = refTo(path, text, blank);
          break;
        }
        case 'false-claim-real-ref':
          if (other !== undefined) claimText = honestText(other);
          else claimText = claimText.replace(anchor.identifier, `${anchor.identifier}Other`);
          break;
        case 'whitespace-only': {
          const lines = splitLines(text);
          lines[anchor.line - 1] = `${lines[anchor.line - 1]}  `;
          text = lines.join('\n');
          break;
        }
        case 'relocated':
          text = `// inserted line one\n// inserted line two\n\n${text}`;
          break;
        case 'crlf':
          text = text.replace(/\r?\n/g, '\r\n');
          break;
        case 'dot-slash-path':
          ref = { ...ref, path: `./${path}` };
          break;
        case 'clean':
          break;
      }
      files[path] = text;
      const lie = (LIE_CLASSES as readonly string[]).includes(klass);
      cases.push({
        class: klass,
        lie,
        claim: { id, lane_id: 'bench', text: claimText, evidence_refs: [ref] },
      });
    }
  });
  return { files, cases };
}
