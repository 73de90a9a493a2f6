import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../contracts/index.js';
import { MissionIntentSchema } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import { createFakeModel } from '../models/index.js';
import type { Validator } from '../verify/index.js';
import { createImmunizer } from '../verify/index.js';
import { runMission } from './run-mission.js';

const sample = fileURLToPath(new URL('../../examples/sample-service', import.meta.url));
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-verify-round-'));
  await cp(sample, join(cwd, 'workspace'), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const intent = MissionIntentSchema.parse({
  mission_id: 'mi_test_verify_round',
  created_at: '2026-12-02T00:00:00Z',
  objective: 'Map the architecture and risks of the orders service',
  workspace: 'workspace',
});

/** Judges answering at once, each call logged into `log` as it goes out. */
function loggedJudges(log: string[]): Record<string, ModelPort> {
  return Object.fromEntries(
    ['immunizer', 'disruptor', 'verifier_aux'].map((name) => {
      const port = createFakeModel({ modelId: `judge-${name}` });
      const logged: ModelPort = {
        provider: port.provider,
        modelId: port.modelId,
        label: port.label,
        generate(request) {
          log.push(`ask ${name}`);
          return port.generate(request);
        },
      };
      return [name, logged];
    }),
  );
}

const slow = () => new Promise((resolve) => setTimeout(resolve, 60));

/** Decision 0054: the judges are asked under the round's first receipts, their answers taken after them. */
describe('runVerifyRound: the judges and the aggregate-end / verify-start receipts', () => {
  it('asks the judges before aggregate-end is durable and takes no answer before verify-start is', async () => {
    const log: string[] = [];
    const listener = async (event: RunEvent) => {
      const name =
        event.type === 'model-call-end' && event.lane_id === 'swarmlord' ? 'judge-call' : event.type;
      log.push(`start ${name}`);
      if (event.type === 'aggregate-end' || event.type === 'verify-start') await slow();
      log.push(`end ${name}`);
    };
    const result = await runMission({ intent, cwd, listeners: [listener], judges: loggedJudges(log) });
    expect(result.digest.verdict).toBeDefined();
    const firstAsk = log.findIndex((entry) => entry.startsWith('ask '));
    expect(firstAsk).toBeGreaterThan(log.lastIndexOf('end lane-end'));
    // The calls went out before the aggregate-end receipt was durable.
    expect(firstAsk).toBeLessThan(log.indexOf('end aggregate-end'));
    // Nothing of a judge's answer reached the listener before both receipts were durable.
    const firstJudgeReceipt = log.indexOf('start judge-call');
    expect(firstJudgeReceipt).toBeGreaterThan(log.indexOf('end verify-start'));
    const order = log.filter((entry) => !entry.startsWith('ask ') && !entry.includes('judge-call'));
    const aggregateEnd = order.indexOf('start aggregate-end');
    expect(order.slice(aggregateEnd, aggregateEnd + 5)).toEqual([
      'start aggregate-end',
      'end aggregate-end',
      'start verify-start',
      'end verify-start',
      'start verify-end',
    ]);
  });

  it('fails the mission with the receipt failure and hands on nothing of the judges after it', async () => {
    const emitted: string[] = [];
    const listener = async (event: RunEvent) => {
      emitted.push(
        event.type === 'model-call-end' && event.lane_id === 'swarmlord' ? 'judge-call' : event.type,
      );
      if (event.type === 'aggregate-end') {
        await slow();
        throw new Error('disk full');
      }
    };
    const asked: string[] = [];
    await expect(
      runMission({ intent, cwd, listeners: [listener], judges: loggedJudges(asked) }),
    ).rejects.toThrow('disk full');
    expect(asked.length).toBeGreaterThan(0);
    // Let the judges' (already answered) calls settle: none of them is handed on.
    await slow();
    expect(emitted.at(-1)).toBe('aggregate-end');
    expect(emitted).not.toContain('judge-call');
  });
});

/** Decision 0058: the judges' receipts are written while their answers are voted on, all before verify-end. */
describe("runVerifyRound: the judges' own receipts", () => {
  const judgeCall = (event: RunEvent) =>
    event.type === 'model-call-end' && event.lane_id === 'swarmlord' ? 'judge-call' : event.type;
  /** The immunizer as a caller's validator (no early votes): it logs when it votes. */
  const voting = (log: string[]): Validator => {
    const immunizer = createImmunizer();
    return {
      name: 'immunizer',
      validate(input) {
        log.push('vote');
        return immunizer.validate(input);
      },
    };
  };

  it("votes while the judges' receipts are written and hands verify-end on only after all are durable", async () => {
    const log: string[] = [];
    const listener = async (event: RunEvent) => {
      log.push(`start ${judgeCall(event)}`);
      if (judgeCall(event) === 'judge-call') await slow();
      log.push(`end ${judgeCall(event)}`);
    };
    const result = await runMission({
      intent,
      cwd,
      listeners: [listener],
      judges: loggedJudges([]),
      validators: [voting(log)],
    });
    expect(result.digest.verdict).toBeDefined();
    const vote = log.indexOf('vote');
    expect(vote).toBeGreaterThan(-1);
    // The answers counted in the votes before their receipts were durable...
    expect(vote).toBeLessThan(log.indexOf('end judge-call'));
    // ...and the round's result only once every one of them was.
    expect(log.filter((entry) => entry === 'end judge-call')).toHaveLength(3);
    expect(log.indexOf('start verify-end')).toBeGreaterThan(log.lastIndexOf('end judge-call'));
  });

  it("fails the mission with a judge receipt's failure and hands on no verify-end", async () => {
    const emitted: string[] = [];
    const listener = async (event: RunEvent) => {
      emitted.push(judgeCall(event));
      if (judgeCall(event) === 'judge-call') {
        await slow();
        throw new Error('disk full');
      }
    };
    await expect(
      runMission({ intent, cwd, listeners: [listener], judges: loggedJudges([]), validators: [voting([])] }),
    ).rejects.toThrow('disk full');
    expect(emitted).toContain('judge-call');
    expect(emitted).not.toContain('verify-end');
    expect(emitted).not.toContain('digest-write');
  });

  it('hands the receipts of judges that answered in one turn on after all of them, together', async () => {
    const log: string[] = [];
    // The three answers come in one timers phase whatever the machine's load: once all three
    // judges were asked, three timers are set in one tick (same start, same delay: one expiry),
    // and Node runs the microtasks between their callbacks, as it does for models answering together.
    const waiting: Array<() => void> = [];
    const answeredTogether = () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 3) for (const release of waiting.splice(0)) setTimeout(release, 1);
      });
    const judges = Object.fromEntries(
      ['immunizer', 'disruptor', 'verifier_aux'].map((name) => {
        const port = createFakeModel({ latencyMs: 0, modelId: `judge-${name}` });
        const logged: ModelPort = {
          provider: port.provider,
          modelId: port.modelId,
          label: port.label,
          async generate(request) {
            const answer = await port.generate(request);
            await answeredTogether();
            log.push('answered');
            return answer;
          },
        };
        return [name, logged];
      }),
    );
    const listener = (event: RunEvent) => {
      if (judgeCall(event) === 'judge-call') log.push('receipt');
    };
    await runMission({ intent, cwd, listeners: [listener], judges });
    expect(log).toEqual(['answered', 'answered', 'answered', 'receipt', 'receipt', 'receipt']);
  });
});

/** Decision 0060: the judges' receipts are handed on with verify-end, in one run. */
describe("runVerifyRound: the judges' receipts and verify-end together", () => {
  it('hands a listener that takes runs the three judge receipts and verify-end at once, in order', async () => {
    const runs: string[][] = [];
    const name = (event: RunEvent) =>
      event.type === 'model-call-end' && event.lane_id === 'swarmlord' ? 'judge-call' : event.type;
    const listener = Object.assign(async (event: RunEvent) => void runs.push([name(event)]), {
      many(events: readonly RunEvent[]) {
        runs.push(events.map(name));
        return events.map(() => Promise.resolve());
      },
    });
    await runMission({ intent, cwd, listeners: [listener], judges: loggedJudges([]) });
    const ended = runs.find((run) => run.includes('verify-end'));
    expect(ended).toEqual(['judge-call', 'judge-call', 'judge-call', 'verify-end']);
    expect(runs.flat().filter((entry) => entry === 'judge-call')).toHaveLength(3);
  });
});
