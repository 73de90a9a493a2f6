import { describe, expect, it } from 'vitest';
import { deriveMissionStatus, endedMissionStatus } from './mission-status.js';

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
});
