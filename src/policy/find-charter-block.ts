/** The YAML of the charter and where it starts in the file. */
export interface CharterBlock {
  yaml: string;
  /** 1-based line of the first YAML line (the line after the opening fence). */
  firstLine: number;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*(\S*)/;

/**
 * Finds the first fenced `yaml` block under a Markdown heading whose text contains "Swarmlord
 * charter" (any level, any case), before the next heading of the same or a higher level. Other
 * fenced blocks (shell examples) in that section are skipped.
 *
 * @returns `undefined` when there is no such heading or no YAML block under it
 */
export function findCharterBlock(markdown: string): CharterBlock | undefined {
  const lines = markdown.split(/\r?\n/);
  let level: number | undefined;
  let fence: string | undefined;
  let yamlStart: number | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (fence !== undefined) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') {
        if (yamlStart !== undefined) {
          return { yaml: lines.slice(yamlStart, index).join('\n'), firstLine: yamlStart + 1 };
        }
        fence = undefined;
      }
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open !== null) {
      fence = open[1] as string;
      const info = (open[2] ?? '').toLowerCase();
      yamlStart = level !== undefined && (info === 'yaml' || info === 'yml') ? index + 1 : undefined;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading === null) continue;
    const depth = (heading[1] as string).length;
    if (level !== undefined && depth <= level) level = undefined;
    if (level === undefined && /swarmlord charter/i.test(heading[2] ?? '')) level = depth;
  }
  return undefined;
}
