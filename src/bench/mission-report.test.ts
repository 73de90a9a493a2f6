import { describe, expect, it } from 'vitest';
import type { MissionCell } from './mission-bench.js';
import { checkTargets, formatMissionGrid, formatMissionMarkdown } from './mission-report.js';

const sample = (wallMs: number, cpuUs: number) => ({ wallMs, cpuUs, syncMs: 1 });

function cell(lanes: number, delayMs: number, journaled: boolean, cpuUs: number): MissionCell {
  return {
    lanes,
    delayMs,
    journaled,
    calls: lanes * 4 + 3,
    swarm: [sample(300, cpuUs)],
    baseline: [sample(250, 0)],
  };
}

describe('mission report', () => {
  it('judges the targets on the library caller, never on a journaled cell of the same size', () => {
    const cells = [cell(1, 0, false, 800), cell(1, 0, true, 50_000)];
    const [perMission] = checkTargets(cells, undefined);
    expect(perMission?.measured).toBe('0.80 ms');
    expect(perMission?.holds).toBe(true);
    expect(checkTargets([cell(1, 0, true, 500)], undefined)).toEqual([]);
  });

  it('labels journaled cells in the grid and in the README table', () => {
    const cells = [cell(64, 50, false, 60_000), cell(64, 50, true, 90_000)];
    expect(formatMissionGrid(cells)).toContain('64, journaled');
    const markdown = formatMissionMarkdown(cells, undefined);
    expect(markdown).toContain('| 50 ms | 64 | 259 |');
    expect(markdown).toContain('| 50 ms | 64, journaled | 259 |');
  });

  it('checks peak RSS on the peak after every mission, and shows the early peak beside it', () => {
    const slow = {
      ...cell(64, 50, false, 60_000),
      rssMb: { swarm: 119, baseline: 78, swarmEarly: 99, baselineEarly: 77 },
    };
    const rss = checkTargets([slow], undefined).find((check) => check.target.startsWith('peak RSS'));
    expect(rss?.measured).toBe('119 MB');
    expect(rss?.holds).toBe(false);
    expect(formatMissionGrid([slow])).toContain('99 / 119 (77 / 78)');
    expect(formatMissionMarkdown([slow], undefined)).toContain('99 MB / 119 MB (77 MB / 78 MB)');
  });

  it('shows each floor beside its own target, per call at L = 64 and per mission at L = 1', () => {
    const floor = (lanes: number, medianUs: number) => ({
      lanes,
      calls: lanes * 4 + 3,
      receipts: lanes * 9 + 8,
      cpuUsPerMission: { median: medianUs, min: medianUs / 2, max: medianUs * 2 },
      digestFilesUs: medianUs / 4,
      syncsPerMission: 3,
    });
    const cells = [cell(64, 0, false, 20_000), cell(1, 0, false, 8_000)];
    const floors = [floor(64, 5_180), floor(1, 840)];
    const checks = checkTargets(cells, undefined, floors);
    expect(checks.map((check) => check.floor)).toEqual(['20.0 µs', '0.84 ms']);
    expect(checkTargets(cells, undefined).every((check) => check.floor === undefined)).toBe(true);
    const markdown = formatMissionMarkdown(cells, undefined, floors);
    expect(markdown).toContain(
      '| orchestration CPU per call, L = 64, D = 0 | ≤ 10 µs | 77.2 µs | ✗ | 20.0 µs |',
    );
    expect(markdown).toContain('its 584 receipts replayed');
    expect(markdown).toContain('writes them (0.21 ms of it)');
    expect(markdown).toContain('0.84 ms of CPU (0.42–1.68), 120.0 µs per model call');
  });
});
