import type { FileEvidenceRef } from '../contracts/index.js';
import { normalizeEvidencePath, sha256Hex, splitLines } from '../contracts/index.js';
import type { Citation, ContextExcerpt } from '../models/index.js';

/** A citation pinned to lines a tool returned, or why it could not be. */
export type PinResult = { ok: true; ref: FileEvidenceRef } | { ok: false; problem: string };

/**
 * What a lane was shown. Every excerpt a tool (retrieval, `read_lines`, `git_show`, …) returns to
 * the lane is entered here before the model sees it; a model's citation is then pinned to those
 * lines and the sha256 is computed here, from the text the tool returned. A model never computes a
 * hash, and it cannot cite lines no tool showed it.
 */
export interface ProvenanceLedger {
  /** Enters excerpts and returns them with their citation ids (`E1`, `E2`, …; the same lines keep one id). */
  enter(excerpts: readonly ContextExcerpt[]): ContextExcerpt[];
  /** Pins one citation; see {@link ProvenanceLedger}. */
  pin(citation: Citation): PinResult;
  /** Pins several: the refs that pinned (deduplicated) and the problems of those that did not. */
  pinAll(citations: readonly Citation[]): { refs: FileEvidenceRef[]; problems: string[] };
  /** Every excerpt entered so far, with its id, in the order entered. */
  excerpts(): ContextExcerpt[];
  /** Excerpts entered so far. */
  readonly size: number;
}

function sourceKey(path: string, commit: string | undefined): string {
  return commit === undefined ? path : `${path}@${commit}`;
}

function describeCitation(citation: Citation): string {
  const where =
    citation.start_line === undefined
      ? ''
      : `:${citation.start_line}-${citation.end_line ?? citation.start_line}`;
  return `${citation.ref_id ?? citation.path ?? '(no ref_id or path)'}${where}`;
}

/** Whitespace runs compare equal: models re-indent quotes, which is not a different text. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lines shown to a lane: `lines[0]` is line `first` of its file. */
interface ShownLines {
  first: number;
  lines: readonly string[];
}

/** What the ledger derives from an excerpt: its dedupe key and the run of lines it shows. */
interface Entry {
  key: string;
  run: ShownLines;
}

/**
 * The entries of frozen excerpts (the mission's memoized retrieval shares them across lanes): a
 * frozen excerpt cannot change, so its key and its split lines are made once, not once per lane
 * shown it. A lane's ledger lives as long as the lane: every per-lane copy was carried through
 * the scavenges of the whole mission.
 */
const entryOnce = new WeakMap<ContextExcerpt, Entry>();

function keyOf(excerpt: ContextExcerpt, source: string): string {
  const { ref } = excerpt;
  return `${source}:${ref.lines[0]}-${ref.lines[1]}:${ref.sha256}`;
}

function runOf(excerpt: ContextExcerpt, frozen: boolean): ShownLines {
  const lines = splitLines(excerpt.text);
  return Object.freeze({ first: excerpt.ref.lines[0], lines: frozen ? Object.freeze(lines) : lines });
}

/** A frozen excerpt's entry, made on first sight and shared by every lane after. */
function frozenEntry(excerpt: ContextExcerpt, source: string): Entry {
  let entry = entryOnce.get(excerpt);
  if (entry === undefined) {
    entry = { key: keyOf(excerpt, source), run: runOf(excerpt, true) };
    entryOnce.set(excerpt, entry);
  }
  return entry;
}

/** Creates an empty ledger for one lane attempt. */
export function createProvenanceLedger(laneId: string): ProvenanceLedger {
  /** Entered excerpts in order: `E1` is the first (ids are their places, see `byId`). */
  const entered: ContextExcerpt[] = [];
  const idByKey = new Map<string, string>();
  /** path(@commit) → the runs of lines returned to the lane, in the order entered (later ones win). */
  const shown = new Map<string, ShownLines[]>();

  /** The excerpt entered with exactly this id (`E` and its place, as `enterOne` names them). */
  function byId(id: string): ContextExcerpt | undefined {
    const place = Number(id.slice(1));
    const excerpt = Number.isInteger(place) && place >= 1 ? entered[place - 1] : undefined;
    return excerpt?.id === id ? excerpt : undefined;
  }

  function enterOne(excerpt: ContextExcerpt): ContextExcerpt {
    const { ref } = excerpt;
    const source = sourceKey(ref.path, ref.commit);
    const frozen = Object.isFrozen(excerpt);
    const entry = frozen ? frozenEntry(excerpt, source) : undefined;
    const key = entry?.key ?? keyOf(excerpt, source);
    const id = idByKey.get(key);
    if (id !== undefined) return { ...excerpt, id };
    // Split only for lines not entered yet (a tool's excerpt read again is not split again).
    const run = entry?.run ?? runOf(excerpt, false);
    const kept = { ...excerpt, id: `E${entered.length + 1}` };
    idByKey.set(key, kept.id);
    // One copy, kept and handed back: nothing changes an entered excerpt.
    entered.push(kept);
    const runs = shown.get(source);
    if (runs === undefined) shown.set(source, [run]);
    else runs.push(run);
    return kept;
  }

  /** The text of one line as last returned to the lane, if any tool returned it. */
  function lineAt(runs: readonly ShownLines[], line: number): string | undefined {
    for (let index = runs.length - 1; index >= 0; index -= 1) {
      const run = runs[index] as ShownLines;
      const offset = line - run.first;
      if (offset >= 0 && offset < run.lines.length) return run.lines[offset];
    }
    return undefined;
  }

  function linesShown(key: string, start: number, end: number): string[] | undefined {
    const runs = shown.get(key);
    if (runs === undefined || start < 1 || end < start) return undefined;
    const texts: string[] = [];
    for (let line = start; line <= end; line += 1) {
      const text = lineAt(runs, line);
      if (text === undefined) return undefined;
      texts.push(text);
    }
    return texts;
  }

  /** Line number → text over everything returned for `key` (later runs win), for quote searches. */
  function lineMap(key: string): Map<number, string> | undefined {
    const runs = shown.get(key);
    if (runs === undefined) return undefined;
    const lines = new Map<number, string>();
    for (const run of runs) {
      for (let offset = 0; offset < run.lines.length; offset += 1) {
        lines.set(run.first + offset, run.lines[offset] as string);
      }
    }
    return lines;
  }

  /** The lines of `key` that contain `quote`, searched over what was shown, in line order. */
  function findQuote(key: string, quote: string, within?: [number, number]): [number, number] | undefined {
    const lines = lineMap(key);
    if (lines === undefined) return undefined;
    const wanted = squash(quote);
    if (wanted === '') return undefined;
    const numbers = [...lines.keys()]
      .filter((line) => within === undefined || (line >= within[0] && line <= within[1]))
      .sort((left, right) => left - right);
    // The tightest match: the earliest end, then the latest start (a quote is cited where it is).
    let best: [number, number] | undefined;
    for (const start of numbers) {
      let text = '';
      for (let end = start; lines.has(end) && end - start < 200; end += 1) {
        if (within !== undefined && end > within[1]) break;
        if (best !== undefined && end > best[1]) break;
        text = text === '' ? (lines.get(end) ?? '') : `${text}\n${lines.get(end) ?? ''}`;
        if (squash(text).includes(wanted)) {
          if (best === undefined || end < best[1] || start > best[0]) best = [start, end];
          break;
        }
      }
    }
    return best;
  }

  function pin(citation: Citation): PinResult {
    const label = describeCitation(citation);
    let path: string;
    let commit: string | undefined;
    let start = citation.start_line;
    let end = citation.end_line ?? citation.start_line;
    if (citation.ref_id !== undefined) {
      const excerpt = byId(citation.ref_id.trim());
      if (excerpt === undefined) {
        return { ok: false, problem: `${label}: no excerpt with this id was returned to ${laneId}` };
      }
      path = excerpt.ref.path;
      commit = excerpt.ref.commit;
      if (start === undefined && citation.quote !== undefined) {
        const found = findQuote(sourceKey(path, commit), citation.quote, excerpt.ref.lines);
        if (found === undefined) {
          return { ok: false, problem: `${label}: the quote does not occur in ${citation.ref_id}` };
        }
        [start, end] = found;
      }
      start ??= excerpt.ref.lines[0];
      end ??= excerpt.ref.lines[1];
    } else if (citation.path !== undefined) {
      path = normalizeEvidencePath(citation.path.trim());
      if (start === undefined) {
        if (citation.quote === undefined) {
          return { ok: false, problem: `${label}: cites a path without lines, ref_id or quote` };
        }
        const found = findQuote(sourceKey(path, undefined), citation.quote);
        if (found === undefined) {
          return {
            ok: false,
            problem: `${label}: the quote is not in any lines of ${path} returned to ${laneId}`,
          };
        }
        [start, end] = found;
      }
    } else {
      return { ok: false, problem: `${label}: a citation needs a ref_id or a path` };
    }
    const finalEnd = end ?? start;
    const texts = linesShown(sourceKey(path, commit), start, finalEnd);
    if (texts === undefined) {
      return {
        ok: false,
        problem: `${path}:${start}-${finalEnd}: no tool returned these lines to ${laneId}`,
      };
    }
    const text = texts.join('\n');
    if (citation.quote !== undefined && !squash(text).includes(squash(citation.quote))) {
      return { ok: false, problem: `${path}:${start}-${finalEnd}: the quote does not occur in these lines` };
    }
    return {
      ok: true,
      ref: {
        kind: 'file',
        path,
        lines: [start, finalEnd],
        sha256: sha256Hex(text),
        ...(citation.quote === undefined ? {} : { quote: citation.quote }),
        ...(commit === undefined ? {} : { commit }),
      },
    };
  }

  return {
    enter: (excerpts) => excerpts.map(enterOne),
    pin,
    pinAll(citations) {
      const refs: FileEvidenceRef[] = [];
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const citation of citations) {
        const result = pin(citation);
        if (!result.ok) {
          problems.push(result.problem);
          continue;
        }
        const key = `${sourceKey(result.ref.path, result.ref.commit)}:${result.ref.lines.join('-')}:${result.ref.quote ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        refs.push(result.ref);
      }
      return { refs, problems };
    },
    excerpts: () => [...entered],
    get size() {
      return entered.length;
    },
  };
}

/** The excerpts as the model reads them: `[E3] src/app.ts:10-22` then the lines. */
export function renderExcerpts(excerpts: readonly ContextExcerpt[]): string {
  return excerpts
    .map((excerpt) => {
      const { ref } = excerpt;
      const at = ref.commit === undefined ? '' : ` @ ${ref.commit.slice(0, 12)}`;
      return `[${excerpt.id ?? '?'}] ${ref.path}:${ref.lines[0]}-${ref.lines[1]}${at}\n${excerpt.text}`;
    })
    .join('\n\n');
}
