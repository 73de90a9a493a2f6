import { resolve } from 'node:path';
import { Hono } from 'hono';
import { auditBlackboard, readBlackboard, redactSecrets } from '../blackboard/index.js';
import type { SummaryModelChoice } from '../clarify/index.js';
import type { MissionIntent } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import { loadSsot, renderSsotDiagrams } from '../ssot/index.js';
import type { MissionStatus } from '../store/index.js';
import { MISSION_STATUSES, StoreError, withResolvedStatus } from '../store/index.js';
import { findTraceFile, readTraceFile, waterfallRows } from '../telemetry/index.js';
import type { BlackboardFeed } from './blackboard-feed.js';
import { buildMissionView } from './build-mission-view.js';
import { clarificationRoutes } from './clarification-routes.js';
import type { MissionCatalog } from './create-mission-catalog.js';
import type { MissionRunner } from './create-mission-runner.js';
import { missionEventsRoute } from './mission-events-route.js';
import { missionRunReceipts } from './mission-run-receipts.js';
import { readRunState } from './read-run-state.js';
import { renderPage } from './render-page.js';
import { requireToken } from './require-token.js';
import { safeJson } from './safe-json.js';
import { readAsset, readMermaidScript } from './serve-asset.js';

/** What the dashboard reads and starts; the `serve` command composes it. */
export interface DashboardOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Relative to `cwd` (the intent default `hfo_blackboard/obsidian_synapse_blackboard.jsonl`). */
  blackboardPath: string;
  /** Relative to `cwd` (`hfo_digests`). */
  digestDir: string;
  /** Required on every request when set (always, off loopback). */
  token?: string | undefined;
  catalog: MissionCatalog;
  feed: BlackboardFeed;
  runner: MissionRunner;
  describeModels?: (intent: MissionIntent) => SummaryModelChoice[];
  /**
   * The Swarmlord's model for writing clarification questions (task `clarify`), chosen like the
   * terminal's `mission new` does; undefined (or absent): the fixed questions.
   */
  clarifyModel?: (intent: MissionIntent) => ModelPort | undefined;
}

const STORE_WAIT_MS = 1_500;
const MISSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The dashboard: the pages, their JSON API and the live event stream, as a Hono app (the
 * `@hono/node-server` adapter serves it). It is a surface like the CLI: it reads what missions
 * wrote (blackboard, digests, trace files, the store) and starts missions as CLI processes.
 *
 * @example
 * const app = createDashboardApp({ cwd, env, blackboardPath, digestDir, catalog, feed, runner });
 * const response = await app.request('/api/missions');
 */
export function createDashboardApp(options: DashboardOptions): Hono {
  const app = new Hono();
  const blackboardFile = resolve(options.cwd, options.blackboardPath);
  app.use('*', async (context, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) context.header(name, value);
  });
  app.use('*', requireToken(options.token));
  // State changes only as JSON: a form or image on another site cannot send it without CORS.
  app.use('/api/*', async (context, next) => {
    const method = context.req.method;
    if (
      method !== 'GET' &&
      method !== 'HEAD' &&
      !(context.req.header('content-type') ?? '').startsWith('application/json')
    ) {
      return context.json({ error: 'DASHBOARD_JSON_REQUIRED', message: 'send application/json' }, 415);
    }
    return next();
  });
  app.onError((error, context) => {
    const status = StoreError.isInstance(error) ? 503 : 500;
    return context.json({ error: errorCode(error), message: error.message }, status);
  });

  app.get('/', (context) => context.html(renderPage('missions')));
  app.get('/new', (context) => context.html(renderPage('clarify')));
  app.get('/missions/:id', (context) => context.html(renderPage('mission')));
  app.get('/missions/:id/trace', (context) => context.html(renderPage('trace')));
  app.get('/ssot', (context) => context.html(renderPage('ssot')));
  app.get('/assets/:name', async (context) => {
    const asset = await readAsset(context.req.param('name'));
    if (asset === undefined) return context.json({ error: 'NOT_FOUND' }, 404);
    return context.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });

  app.get('/vendor/mermaid.min.js', async (context) => {
    const script = await readMermaidScript();
    if (script === undefined)
      return context.json({ error: 'NOT_FOUND', message: 'mermaid is not installed' }, 404);
    return context.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'max-age=3600',
    });
  });
  app.get('/api/missions', async (context) => {
    const status = context.req.query('status');
    if (status !== undefined && status !== '' && !(MISSION_STATUSES as readonly string[]).includes(status)) {
      return context.json(
        { error: 'BAD_STATUS', message: `status is one of ${MISSION_STATUSES.join(', ')}` },
        400,
      );
    }
    const wanted = status === undefined || status === '' ? undefined : (status as MissionStatus);
    const missions = await options.catalog.list(wanted);
    // `running` or `interrupted` is a fact of now, decided as `mission ls` decides it.
    const rows = await Promise.all(
      missions.map((mission) => withResolvedStatus(mission, { cwd: options.cwd })),
    );
    return safeJson(context, {
      missions: rows.filter((row) => wanted === undefined || row.status === wanted),
    });
  });
  app.get('/api/missions/:id', async (context) => {
    const missionId = context.req.param('id');
    if (!MISSION_ID.test(missionId)) return context.json({ error: 'BAD_MISSION_ID' }, 400);
    // The store's row is an extra: the page must not wait seconds for an embedded store to open.
    const [{ receipts }, record] = await Promise.all([
      readBlackboard(blackboardFile),
      withTimeout(options.catalog.get(missionId), STORE_WAIT_MS),
    ]);
    const own = missionRunReceipts(receipts, missionId);
    if (own.length === 0 && record === undefined) {
      return context.json(
        { error: 'MISSION_NOT_FOUND', message: `no mission ${missionId} on the blackboard` },
        404,
      );
    }
    const view = await buildMissionView({
      cwd: options.cwd,
      missionId,
      receipts: own,
      record,
      env: options.env,
      blackboardPath: blackboardFile,
    });
    const process = options.runner.get(missionId);
    const run_state = await readRunState(options.cwd, missionId, process);
    // Workspace text reaches the page only redacted, and as escaped JSON.
    return safeJson(
      context,
      redactSecrets({ ...view, run_state, ...(process === undefined ? {} : { process }) }, options.env),
    );
  });
  // The SSOT model's diagrams, as `swarmlord ssot diagrams` writes them; none while the model has errors.
  app.get('/api/ssot/diagrams', async (context) => {
    const result = await loadSsot({ cwd: options.cwd });
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) {
      return context.json(
        {
          error: 'SSOT_HAS_ERRORS',
          message: 'the model has errors (swarmlord ssot check)',
          files: result.files,
          errors: errors.length,
        },
        422,
      );
    }
    const diagrams = renderSsotDiagrams(result.model, result.files)
      .filter((file) => file.name.endsWith('.mmd'))
      .map((file) => ({ title: file.name.replace(/\.mmd$/, '').replace(/-/g, ' '), mermaid: file.text }));
    return context.json({ files: result.files, diagrams });
  });
  // The hash chain as `swarmlord audit` checks it: intact or not, and the first bad line when not.
  app.get('/api/blackboard/audit', async (context) => {
    const result = await auditBlackboard(blackboardFile);
    return context.json({ ...result, path: options.blackboardPath });
  });
  app.get('/api/missions/:id/events', missionEventsRoute(options.feed, blackboardFile));
  app.get('/api/missions/:id/trace', async (context) => {
    const missionId = context.req.param('id');
    if (!MISSION_ID.test(missionId)) return context.json({ error: 'BAD_MISSION_ID' }, 400);
    const path = await findTraceFile(missionId, { cwd: options.cwd, digestDir: options.digestDir }).catch(
      () => undefined,
    );
    if (path === undefined)
      return context.json({ error: 'TRACE_NOT_FOUND', message: `no trace file for ${missionId} yet` }, 404);
    const file = await readTraceFile(path, missionId);
    const rows = waterfallRows(file).map((row) => ({
      span_id: row.span.span_id,
      parent_span_id: row.span.parent_span_id,
      name: row.span.name,
      status: row.span.status,
      start_time: row.span.start_time,
      depth: row.depth,
      offset_ms: row.offsetMs,
      duration_ms: row.durationMs,
      critical: row.critical,
      attributes: row.span.attributes,
    }));
    return context.json({
      trace_id: file.trace_id,
      mission_id: file.mission_id,
      dropped_spans: file.dropped_spans,
      rows,
    });
  });
  app.post('/api/missions/:id/cancel', (context) => {
    const missionId = context.req.param('id');
    if (!options.runner.cancel(missionId)) {
      return context.json(
        { error: 'NOT_RUNNING_HERE', message: `mission ${missionId} is not running from this dashboard` },
        409,
      );
    }
    return context.json({ cancelled: missionId }, 202);
  });
  app.post('/api/missions/:id/resume', async (context) => {
    const missionId = context.req.param('id');
    if (!MISSION_ID.test(missionId)) return context.json({ error: 'BAD_MISSION_ID' }, 400);
    const runState = await readRunState(options.cwd, missionId, options.runner.get(missionId));
    if (!runState.resumable) {
      return context.json(
        {
          error: 'NOT_RESUMABLE',
          message: `mission ${missionId} is ${runState.state === 'unknown' ? 'without a journal' : runState.state}: nothing to resume`,
        },
        409,
      );
    }
    return context.json({ process: options.runner.resume(missionId) }, 202);
  });
  app.route('/api/clarifications', clarificationRoutes(options));
  return app;
}

/** The value, or undefined when it takes longer than `ms` (the work goes on and warms the store). */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolveLate) => {
    timer = setTimeout(() => resolveLate(undefined), ms);
  });
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'DASHBOARD_ERROR';
}
