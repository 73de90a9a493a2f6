import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../contracts/index.js';
import { createGroundingResolver } from './grounding-resolver.js';
import type { GroundingResolver } from './ref-resolution.js';
import { runVerify, startVerify } from './run-verify.js';
import {
  createTestWorkspace,
  forge,
  makeAggregate,
  makeBundle,
  makeClaim,
  makeIntent,
  numberedSource,
  type TestWorkspace,
} from './test-workspace.js';

const turn = () => new Promise<void>((done) => setImmediate(done));

describe('startVerify', () => {
  let workspace: TestWorkspace;
  beforeAll(async () => {
    workspace = await createTestWorkspace({ 'src/server.ts': numberedSource(60) });
  });
  afterAll(async () => {
    await workspace.remove();
  });

  function aggregate() {
    const claims: Claim[] = Array.from({ length: 30 }, (_, index) => {
      const ref = workspace.ref('src/server.ts', [index + 1, index + 2], `value${index + 1} = ${index + 1}`);
      return makeClaim('lane-1', `c${index + 1}`, `src/server.ts defines value${index + 1}`, [
        index % 7 === 0 ? forge(ref) : ref,
      ]);
    });
    return makeAggregate([makeBundle('lane-1', claims)]);
  }

  /** A resolver that counts the claims it grounded, each taking `busyMs` of this thread first. */
  function counting(busyMs = 0): { resolver: GroundingResolver; grounded: () => number } {
    const base = createGroundingResolver({ workspace: workspace.root });
    let count = 0;
    return {
      resolver: {
        ...base,
        groundClaim: (claim) => {
          count += 1;
          const until = performance.now() + busyMs;
          while (performance.now() < until);
          return base.groundClaim(claim);
        },
      },
      grounded: () => count,
    };
  }

  /** A first Verify round over the test aggregate, grounded through `resolver`. */
  function startRound(resolver: GroundingResolver) {
    return startVerify({
      aggregate: aggregate(),
      intent: makeIntent(),
      workspace: workspace.root,
      attempt: 1,
      resolver,
    });
  }

  it('grounds in the background, giving the event loop a turn every slice of its time', async () => {
    // Each claim costs 0.1 ms: a slice (0.25 ms) holds a few, then other I/O callbacks run.
    const { resolver, grounded } = counting(0.1);
    const started = startRound(resolver);
    // Nothing on the caller's turn: its own I/O is started first.
    expect(grounded()).toBe(0);
    await turn();
    await turn();
    expect(grounded()).toBeGreaterThan(0);
    expect(grounded()).toBeLessThan(30);
    for (let index = 0; index < 40 && grounded() < 30; index += 1) await turn();
    expect(grounded()).toBe(30);
    await started.finish();
    // finish does not ground the claims again.
    expect(grounded()).toBe(30);
  });

  it('grounds claims decided in microseconds without a turn between each', async () => {
    const { resolver, grounded } = counting();
    const started = startRound(resolver);
    // A warm run first, so the measured one is not slowed by first calls.
    await started.finish();
    const { resolver: again, grounded: counted } = counting();
    const second = startRound(again);
    await turn();
    await turn();
    expect(counted()).toBe(30);
    await second.finish();
    expect(grounded()).toBe(30);
  });

  it('fails on a claim that cannot be grounded from finish, never as an unhandled rejection', async () => {
    const base = createGroundingResolver({ workspace: workspace.root });
    const resolver: GroundingResolver = {
      ...base,
      groundClaim: () => {
        // Past a slice at once: the gate takes a turn with this rejection pending.
        const until = performance.now() + 1;
        while (performance.now() < until);
        return Promise.reject(new Error('cannot ground'));
      },
    };
    const started = startRound(resolver);
    for (let index = 0; index < 5; index += 1) await turn();
    await expect(started.finish()).rejects.toThrow('cannot ground');
  });

  it('grounds on the turn of the call when told the caller has nothing of its own to start first', async () => {
    const { resolver, grounded } = counting();
    const input = { aggregate: aggregate(), intent: makeIntent(), workspace: workspace.root, attempt: 1 };
    const started = startVerify({ ...input, resolver, groundNow: true });
    expect(grounded()).toBeGreaterThan(0);
    expect(await started.finish()).toEqual(await runVerify(input));
  });

  it('reports exactly what runVerify reports', async () => {
    const input = { aggregate: aggregate(), intent: makeIntent(), workspace: workspace.root, attempt: 1 };
    const started = startVerify(input);
    for (let index = 0; index < 5; index += 1) await turn();
    expect(await started.finish()).toEqual(await runVerify(input));
  });

  it('throws a bad quorum from finish, never as an unhandled rejection', async () => {
    const intent = makeIntent({ quorum: { validators: ['no_such_validator'], threshold: 1 } });
    const started = startVerify({ aggregate: aggregate(), intent, workspace: workspace.root, attempt: 1 });
    for (let index = 0; index < 3; index += 1) await turn();
    await expect(started.finish()).rejects.toMatchObject({ code: 'VALIDATOR_NOT_FOUND' });
  });
});
