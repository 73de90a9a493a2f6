import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from './progress-display.js';

describe('createProgressDisplay', () => {
  it('shows "scanning N files" while the scan runs and "scanned N files" when it is done', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const display = createProgressDisplay(stream, false);
    await display.listener({
      type: 'mission-start',
      mission_id: 'mi_x',
      at: '2026-11-22T10:00:00Z',
      lane_ids: ['lane-1'],
    } as never);
    display.scanProgress({ files: 200, skipped: 0, done: false });
    display.scanProgress({ files: 350, skipped: 4, done: true });
    display.stop();
    expect(text).toContain('scanned 350 files (4 skipped)');
  });
});
