import { describe, expect, it } from 'vitest';
import { DBOS_CONTINUE_COMMAND, deriveMissionStatus, endedMissionStatus } from './mission-status.js';

describe('mission status', () => {
  it('stores how the final receipt ended the mission', () => {
    expect(endedMissionStatus({ phase: 'mission_end', verdict: 'PASS', partial: false })).toBe('passed');
    expect(endedMissionStatus({ phase: 'mission_end', verdict: 'CAUTION', partial: false })).toBe('caution');
    expect(endedMissionStatus({ phase: 'mission_end', verdict: 'FAIL', partial: false })).toBe('failed');
    expect(endedMissionStatus({ phase: 'mission_end', verdict: 'PASS', partial: true })).toBe('partial');
    expect(endedMissionStatus({ phase: 'mission_error', verdict: 'PASS' })).toBe('failed');
  });

  it('derives the status: an ended mission keeps it; a running one is running only with a live owner', async () => {
    const alive = () => ({ alive: true, reason: 'process 7 on here runs it' });
    const dead = () => ({ alive: false, reason: 'process 7 on here is gone' });
    const asked: string[] = [];
    const never = () => {
      asked.push('liveness');
      return alive();
    };
    expect(await deriveMissionStatus({ id: 'mi_a', status: 'passed' }, never)).toEqual({ status: 'passed' });
    expect(await deriveMissionStatus({ id: 'mi_a', status: 'caution' }, never)).toEqual({
      status: 'caution',
    });
    expect(await deriveMissionStatus({ id: 'mi_a', status: 'failed' }, never)).toEqual({ status: 'failed' });
    expect(await deriveMissionStatus({ id: 'mi_a', status: 'partial' }, never)).toEqual({
      status: 'partial',
      resumeCommand: 'swarmlord mission resume mi_a',
    });
    expect(asked).toEqual([]);
    expect(await deriveMissionStatus({ id: 'mi_a', status: 'running' }, alive)).toEqual({
      status: 'running',
      reason: 'process 7 on here runs it',
    });
    expect(await deriveMissionStatus({ id: 'mi_a', status: 'running' }, dead)).toEqual({
      status: 'interrupted',
      reason: 'process 7 on here is gone',
      resumeCommand: 'swarmlord mission resume mi_a',
    });
  });

  it('on DBOS advises a worker for an interrupted mission, never mission resume', async () => {
    const dead = () => ({
      alive: false,
      reason: 'workflow mission:mi_d was running on worker w1, whose heartbeat stopped 9.0 s ago',
    });
    expect(await deriveMissionStatus({ id: 'mi_d', status: 'running' }, dead, 'dbos')).toEqual({
      status: 'interrupted',
      reason: 'workflow mission:mi_d was running on worker w1, whose heartbeat stopped 9.0 s ago',
      resumeCommand: DBOS_CONTINUE_COMMAND,
    });
    expect(DBOS_CONTINUE_COMMAND).toBe('swarmlord worker');
    // A workflow that ended without the final receipt: no worker recovers it, so nothing is advised.
    const ended = () => ({ alive: false, reason: 'workflow mission:mi_d is ERROR', recoverable: false });
    expect(await deriveMissionStatus({ id: 'mi_d', status: 'running' }, ended, 'dbos')).toEqual({
      status: 'interrupted',
      reason: 'workflow mission:mi_d is ERROR',
    });
    const alive = () => ({ alive: true, reason: 'workflow mission:mi_d runs on worker w2' });
    expect(await deriveMissionStatus({ id: 'mi_d', status: 'running' }, alive, 'dbos')).toEqual({
      status: 'running',
      reason: 'workflow mission:mi_d runs on worker w2',
    });
    const partial = await deriveMissionStatus({ id: 'mi_d', status: 'partial' }, alive, 'dbos');
    expect(partial.status).toBe('partial');
    expect(partial.resumeCommand).toBeUndefined();
    expect(partial.reason).toContain('not supported yet');
    // The embedded runtime is unchanged (and the default).
    expect(await deriveMissionStatus({ id: 'mi_d', status: 'running' }, ended, 'embedded')).toEqual({
      status: 'interrupted',
      reason: 'workflow mission:mi_d is ERROR',
      resumeCommand: 'swarmlord mission resume mi_d',
    });
  });
});
