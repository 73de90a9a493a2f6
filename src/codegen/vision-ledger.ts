import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VISION_LEDGER_PATH, VISION_PATH } from './codegen-paths.js';
import { contentHash } from './content-hash.js';

/** One `## ` section of the vision document and the hash of its text. */
export interface VisionSection {
  title: string;
  sha256: string;
}

/** A problem with the append-only vision document. */
export interface VisionProblem {
  kind: 'vision-section-deleted' | 'vision-section-rewritten';
  title: string;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The sections of a Markdown text: the preamble, then one per `## ` heading, in order. */
export function visionSections(text: string): VisionSection[] {
  const sections: { title: string; lines: string[] }[] = [{ title: '(preamble)', lines: [] }];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('## ')) sections.push({ title: line.slice(3).trim(), lines: [line] });
    else sections[sections.length - 1]?.lines.push(line);
  }
  return (
    sections
      // Trailing blank lines belong to no section: appending a section must not rewrite the last one.
      .map((section) => ({ title: section.title, sha256: contentHash(section.lines.join('\n').trimEnd()) }))
      .filter((section, index) => index > 0 || section.sha256 !== contentHash(''))
  );
}

/** The recorded sections (empty before the first generation that saw the document). */
export async function readVisionLedger(cwd: string): Promise<VisionSection[]> {
  const text = await readOptional(join(cwd, VISION_LEDGER_PATH));
  return text === undefined ? [] : (JSON.parse(text) as { sections: VisionSection[] }).sections;
}

/** The vision document's sections now, or undefined when the project has none. */
export async function readVisionSections(cwd: string): Promise<VisionSection[] | undefined> {
  const text = await readOptional(join(cwd, VISION_PATH));
  return text === undefined ? undefined : visionSections(text);
}

/**
 * Compares the document with the ledger: every recorded section must still be there, unchanged and
 * in its place (new sections may follow). The ledger only ever grows, so a rewrite stays flagged.
 */
export function checkVision(
  recorded: readonly VisionSection[],
  current: readonly VisionSection[],
): VisionProblem[] {
  const problems: VisionProblem[] = [];
  recorded.forEach((section, index) => {
    const now = current[index];
    if (now?.sha256 === section.sha256) return;
    const moved = current.some((candidate) => candidate.sha256 === section.sha256);
    if (moved) return;
    const sameTitle = current.some((candidate) => candidate.title === section.title);
    problems.push({
      kind: sameTitle ? 'vision-section-rewritten' : 'vision-section-deleted',
      title: section.title,
    });
  });
  return problems;
}

/** The ledger after seeing `current`: the recorded sections, then any new ones appended. */
export function extendVisionLedger(
  recorded: readonly VisionSection[],
  current: readonly VisionSection[],
): string {
  const known = new Set(recorded.map((section) => section.sha256));
  const sections = [
    ...recorded,
    ...current.slice(recorded.length).filter((section) => !known.has(section.sha256)),
  ];
  return `${JSON.stringify({ sections }, null, 2)}\n`;
}
