import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import type { SummaryModelChoice } from '../clarify/index.js';
import type { MissionIntent } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import { createBlackboardFeed } from './blackboard-feed.js';
import { createDashboardApp } from './create-dashboard-app.js';
import { createMissionCatalog } from './create-mission-catalog.js';
import { createMissionRunner } from './create-mission-runner.js';

export interface DashboardServerOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  host: string;
  /** 0: any free port. */
  port: number;
  token?: string | undefined;
  blackboardPath: string;
  digestDir: string;
  /** The CLI entry point missions are started with. */
  cliPath: string;
  describeModels?: (intent: MissionIntent) => SummaryModelChoice[];
  /** The Swarmlord's model for clarification questions (see `DashboardOptions.clarifyModel`). */
  clarifyModel?: (intent: MissionIntent) => ModelPort | undefined;
  /** Tests: an in-memory missions store. */
  embeddedStore?: 'memory';
}

/** A listening dashboard. */
export interface DashboardServer {
  /** `http://<host>:<port>`. */
  url: string;
  port: number;
  /** Stops accepting requests, interrupts the missions it started (partial digests), closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the dashboard on `host:port`. The caller decides the token rule (see `serve`): this only
 * enforces the token it is given.
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const feed = createBlackboardFeed({ path: resolve(options.cwd, options.blackboardPath) });
  const catalog = createMissionCatalog({
    cwd: options.cwd,
    env: options.env,
    blackboardPath: options.blackboardPath,
    ...(options.embeddedStore === undefined ? {} : { embedded: options.embeddedStore }),
  });
  const runner = createMissionRunner({ cwd: options.cwd, env: options.env, cliPath: options.cliPath });
  const app = createDashboardApp({ ...options, catalog, feed, runner });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: options.host, port: options.port });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    async close() {
      feed.close();
      // Event streams stay open for ever: drop them so `close` returns.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await runner.close();
      await catalog.close();
    },
  };
}
