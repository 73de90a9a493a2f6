import type { ColdStart } from './cold-start-bench.js';
import { formatTable } from './measure.js';
import type { MissionCell, Spread } from './mission-bench.js';
import { cellFigures } from './mission-bench.js';
import type { ReceiptFloor } from './receipt-floor-bench.js';
import { EARLY_MISSIONS, RSS_MISSIONS } from './rss-rounds.js';

const fixed = (digits: number) => (value: number) => value.toFixed(digits);
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
/** A journaled cell says so where its lanes are printed. */
const lanesLabel = (cell: MissionCell) => (cell.journaled ? `${cell.lanes}, journaled` : String(cell.lanes));

function withRange(value: Spread, format: (value: number) => string): string {
  return `${format(value.median)} (${format(value.min)}–${format(value.max)})`;
}

/** Peaks after the first few missions and after all, swarm then baseline: `109 / 119 (77 / 78)`. */
function rssText(cell: MissionCell, unit = ''): string {
  const rss = cell.rssMb;
  if (rss === undefined) return '—';
  const pair = (early: number, peak: number) => `${early.toFixed(0)}${unit} / ${peak.toFixed(0)}${unit}`;
  return `${pair(rss.swarmEarly, rss.swarm)} (${pair(rss.baselineEarly, rss.baseline)})`;
}

/** Per cell: the figures of issue 19, medians with min–max over the rounds. */
export function formatMissionGrid(cells: readonly MissionCell[]): string {
  const rows: string[][] = [
    [
      'D ms',
      'lanes',
      'calls',
      'wall overhead µs/call',
      'orchestration CPU µs/call',
      'fsync ms/mission',
      'efficiency',
      'baseline eff.',
      `peak RSS MB, ${EARLY_MISSIONS} / ${RSS_MISSIONS} missions (baseline)`,
    ],
  ];
  for (const cell of cells) {
    const figures = cellFigures(cell);
    rows.push([
      String(cell.delayMs),
      lanesLabel(cell),
      String(cell.calls),
      withRange(figures.wallOverheadUsPerCall, thousands),
      withRange(figures.cpuUsPerCall, thousands),
      withRange(figures.syncMsPerMission, fixed(1)),
      cell.delayMs === 0 ? '—' : withRange(figures.efficiency, fixed(3)),
      cell.delayMs === 0 ? '—' : figures.baselineEfficiency.median.toFixed(3),
      rssText(cell),
    ]);
  }
  return formatTable(rows);
}

export function formatColdStart(cold: ColdStart): string {
  return formatTable([
    ['process', 'wall ms', 'above `node -e 0` ms'],
    ['node -e 0', withRange(cold.emptyNodeMs, fixed(0)), '—'],
    [
      'swarmlord --version',
      withRange(cold.versionMs, fixed(0)),
      withRange(cold.versionAboveNodeMs, fixed(0)),
    ],
    [
      'swarmlord run --lanes 1 (offline)',
      withRange(cold.missionMs, fixed(0)),
      withRange(cold.missionAboveNodeMs, fixed(0)),
    ],
    ['  the first one (no cache yet)', '—', cold.firstMissionAboveNodeMs.toFixed(0)],
  ]);
}

/** One target of issue 19's point 2 with its measured median. */
export interface TargetCheck {
  target: string;
  limit: string;
  measured: string;
  holds: boolean;
  /** The same figure for the mission's durable receipts alone (`measureReceiptFloor`), where measured. */
  floor?: string;
}

function find(cells: readonly MissionCell[], lanes: number, delayMs: number): MissionCell | undefined {
  return cells.find((cell) => cell.lanes === lanes && cell.delayMs === delayMs && !cell.journaled);
}

export function checkTargets(
  cells: readonly MissionCell[],
  cold: ColdStart | undefined,
  floors: readonly ReceiptFloor[] = [],
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const floorOf = (lanes: number) => floors.find((floor) => floor.lanes === lanes);
  const wide = find(cells, 64, 0);
  if (wide !== undefined) {
    const value = cellFigures(wide).cpuUsPerCall.median;
    const floor = floorOf(64);
    checks.push({
      target: 'orchestration CPU per call, L = 64, D = 0',
      limit: '≤ 10 µs',
      measured: `${value.toFixed(1)} µs`,
      holds: value <= 10,
      ...(floor === undefined
        ? {}
        : { floor: `${(floor.cpuUsPerMission.median / floor.calls).toFixed(1)} µs` }),
    });
  }
  const single = find(cells, 1, 0);
  if (single !== undefined) {
    const value = cellFigures(single).cpuUsPerMission.median / 1000;
    const floor = floorOf(1);
    checks.push({
      target: 'orchestration CPU per mission, L = 1, D = 0',
      limit: '≤ 1 ms',
      measured: `${value.toFixed(2)} ms`,
      holds: value <= 1,
      ...(floor === undefined ? {} : { floor: `${(floor.cpuUsPerMission.median / 1000).toFixed(2)} ms` }),
    });
  }
  const slow = find(cells, 64, 50);
  if (slow !== undefined) {
    const value = cellFigures(slow).efficiency.median;
    checks.push({
      target: 'parallel efficiency, L = 64, D = 50 ms, durable',
      limit: '≥ 0.98',
      measured: value.toFixed(3),
      holds: value >= 0.98,
    });
    if (slow.rssMb !== undefined)
      checks.push({
        target: `peak RSS, L = 64, D = 50 ms, ${RSS_MISSIONS} missions`,
        limit: '≤ 100 MB',
        measured: `${slow.rssMb.swarm.toFixed(0)} MB`,
        holds: slow.rssMb.swarm <= 100,
      });
  }
  if (cold !== undefined) {
    const version = cold.versionAboveNodeMs.median;
    const mission = cold.missionAboveNodeMs.median;
    checks.push({
      target: 'cold start `swarmlord --version` above node',
      limit: '≤ 60 ms',
      measured: `${version.toFixed(0)} ms`,
      holds: version <= 60,
    });
    checks.push({
      target: 'cold start 1-lane offline mission above node',
      limit: '≤ 250 ms',
      measured: `${mission.toFixed(0)} ms`,
      holds: mission <= 250,
    });
  }
  return checks;
}

/** The floor column's heading: what `measureReceiptFloor` measured. */
const FLOOR_HEADING = 'floor: durable receipts + digest files alone';

export function formatTargets(checks: readonly TargetCheck[]): string {
  return formatTable([
    ['target (issue 19)', 'limit', 'median', '', FLOOR_HEADING],
    ...checks.map((check) => [
      check.target,
      check.limit,
      check.measured,
      check.holds ? '✓' : '✗',
      check.floor ?? '—',
    ]),
  ]);
}

/** The README's orchestration table, regenerated by `npm run bench -- --markdown`. */
export function formatMissionMarkdown(
  cells: readonly MissionCell[],
  cold: ColdStart | undefined,
  floors: readonly ReceiptFloor[] = [],
): string {
  const lines = [
    `| D | lanes | model calls | wall overhead / call | orchestration CPU / call | fsync / mission | parallel efficiency (baseline) | peak RSS, ${EARLY_MISSIONS} / ${RSS_MISSIONS} missions (baseline) |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const cell of cells) {
    const figures = cellFigures(cell);
    lines.push(
      `| ${cell.delayMs} ms | ${lanesLabel(cell)} | ${cell.calls} | ${thousands(figures.wallOverheadUsPerCall.median)} µs | ${thousands(figures.cpuUsPerCall.median)} µs | ${figures.syncMsPerMission.median.toFixed(1)} ms | ${
        cell.delayMs === 0
          ? '—'
          : `${figures.efficiency.median.toFixed(3)} (${figures.baselineEfficiency.median.toFixed(3)})`
      } | ${rssText(cell, ' MB')} |`,
    );
  }
  if (cold !== undefined) {
    lines.push(
      '',
      `Cold start above an empty \`node -e 0\` (${cold.emptyNodeMs.median.toFixed(0)} ms): \`swarmlord --version\` ${cold.versionAboveNodeMs.median.toFixed(0)} ms, a 1-lane offline mission ${cold.missionAboveNodeMs.median.toFixed(0)} ms (the first one in a fresh home and working directory, before any code, SSOT or index cache exists: ${cold.firstMissionAboveNodeMs.toFixed(0)} ms).`,
    );
  }
  const checks = checkTargets(cells, cold, floors);
  if (checks.length > 0) {
    lines.push('', `| target | limit | median | | ${FLOOR_HEADING} |`, '|---|---|---|---|---|');
    for (const check of checks)
      lines.push(
        `| ${check.target} | ${check.limit} | ${check.measured} | ${check.holds ? '✓' : '✗'} | ${check.floor ?? '—'} |`,
      );
  }
  for (const floor of floors) lines.push('', floorSentence(floor));
  return lines.join('\n');
}

/** What a floor measured, in a sentence under the targets. */
export function floorSentence(floor: ReceiptFloor): string {
  const perMission = floor.cpuUsPerMission;
  const ms = (us: number) => (us / 1000).toFixed(2);
  return `Floor, ${floor.lanes}-lane mission, only what its durable receipts and digest files cost: its ${floor.receipts} receipts replayed through the real listener into the durable blackboard (opened and closed, three batches in the order the mission must make them durable, ${floor.syncsPerMission} fsyncs) and its digest files written as a default \`runMission\` writes them (${ms(floor.digestFilesUs)} ms of it); no lane, model, retrieval, grounding or validator: ${ms(perMission.median)} ms of CPU (${ms(perMission.min)}–${ms(perMission.max)}), ${(perMission.median / floor.calls).toFixed(1)} µs per model call.`;
}
