import type { PreyPhase, RunEvent, RunEventListener } from '../contracts/index.js';
import { PREY_PHASES } from '../contracts/index.js';
import type { ScanProgress } from '../tools/index.js';
import { paint } from './cli-io.js';

type Cell = 'pending' | 'running' | 'done' | 'failed';

const SYMBOLS: Record<Cell, [string, number]> = {
  pending: ['·', 2],
  running: ['…', 33],
  done: ['✓', 32],
  failed: ['✗', 31],
};

export interface ProgressDisplay {
  listener: RunEventListener;
  /** Leaves the last frame on screen. */
  stop(): void;
  /** Prints a line below the grid; the next frame is drawn under it. */
  message(text: string): void;
  /** Shows "scanning N files" above the grid while the workspace scan runs (`runMission`'s `onScanProgress`). */
  scanProgress(progress: ScanProgress): void;
}

/**
 * A lanes × phases grid redrawn in place on a terminal. Redraws are throttled so many lanes do not
 * flood the terminal; the final frame is always drawn.
 */
export function createProgressDisplay(stream: NodeJS.WritableStream, color: boolean): ProgressDisplay {
  const lanes = new Map<string, { attempt: number; cells: Record<PreyPhase, Cell> }>();
  const status: string[] = [];
  let drawnLines = 0;
  let lastDraw = 0;
  let scanLine: string | undefined;

  const frame = (): string[] => {
    const header = `  ${'lane'.padEnd(12)} ${PREY_PHASES.map((phase) => phase.padEnd(9)).join('')}`;
    const rows = [...lanes].map(([laneId, lane]) => {
      const cells = PREY_PHASES.map((phase) => {
        const [symbol, code] = SYMBOLS[lane.cells[phase]];
        return `${paint(color, code, symbol)}${' '.repeat(8)}`;
      });
      const label = lane.attempt > 1 ? `${laneId} (re-run ${lane.attempt - 1})` : laneId;
      return `  ${label.padEnd(12)} ${cells.join('')}`;
    });
    const scan = scanLine === undefined ? [] : [`  ${scanLine}`];
    return [...scan, header, ...rows, ...status.slice(-3).map((line) => `  ${line}`)];
  };

  const draw = (force: boolean) => {
    const time = Date.now();
    if (!force && time - lastDraw < 40) return;
    lastDraw = time;
    const lines = frame();
    const up = drawnLines > 0 ? `\u001b[${drawnLines}F` : '';
    stream.write(`${up}${lines.map((line) => `\u001b[2K${line}`).join('\n')}\n`);
    drawnLines = lines.length;
  };

  const update = (event: RunEvent) => {
    switch (event.type) {
      case 'mission-start':
        for (const laneId of event.lane_ids) lanes.set(laneId, { attempt: 1, cells: blankCells() });
        break;
      case 'lane-start':
        lanes.set(event.lane_id, { attempt: event.attempt, cells: blankCells() });
        break;
      case 'phase-start':
        setCell(event.lane_id, event.phase, 'running');
        break;
      case 'phase-end':
        setCell(event.lane_id, event.phase, 'done');
        break;
      case 'lane-end':
        if (event.status === 'failed') {
          const lane = lanes.get(event.lane_id);
          for (const phase of PREY_PHASES)
            if (lane && lane.cells[phase] !== 'done') lane.cells[phase] = 'failed';
        }
        break;
      case 'verify-end':
        status.push(
          `verify #${event.attempt}: ${event.report.verdict}, hallucination rate ${(event.report.hallucination_rate * 100).toFixed(1)} %`,
        );
        break;
      case 'rerun-start':
        status.push(`re-running ${event.lane_ids.join(', ')}`);
        break;
      default:
        return;
    }
    draw(event.type !== 'phase-start');
  };

  function setCell(laneId: string, phase: PreyPhase, cell: Cell) {
    const lane = lanes.get(laneId);
    if (lane) lane.cells[phase] = cell;
  }

  return {
    listener: update,
    stop: () => draw(true),
    scanProgress(progress) {
      const skipped = progress.skipped > 0 ? ` (${progress.skipped} skipped)` : '';
      const budget =
        progress.budgetReached === true
          ? ` — total byte budget reached at ${((progress.bytes ?? 0) / 2 ** 20).toFixed(1)} MiB, the rest is not read`
          : '';
      scanLine = `${progress.done ? 'scanned' : 'scanning'} ${progress.files} files${skipped}${budget}`;
      draw(progress.done);
    },
    message(text) {
      stream.write(`${text}\n`);
      drawnLines = 0;
    },
  };
}

function blankCells(): Record<PreyPhase, Cell> {
  return { perceive: 'pending', react: 'pending', engage: 'pending', yield: 'pending' };
}
