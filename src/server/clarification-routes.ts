import { Hono } from 'hono';
import { z } from 'zod';
import type { ClarificationSession } from './create-clarification-session.js';
import { startClarificationSession } from './create-clarification-session.js';
import type { DashboardOptions } from './create-dashboard-app.js';

const StartSchema = z.object({
  objective: z.string().trim().min(1).max(2000),
  workspace: z.string().trim().min(1).max(1000).default('.'),
  lanes: z.number().int().min(1).max(16).default(2),
});
const AnswersSchema = z.object({
  pass: z.number().int().min(1),
  answers: z.array(z.string().max(4000)).max(50),
});
const ApprovalSchema = z.object({ approved: z.boolean() });

/**
 * `/api/clarifications`: a mission started in the browser is clarified here, pass by pass, then
 * approved; once approved, its intent is written and the mission runs (`swarmlord mission run`).
 */
export function clarificationRoutes(options: DashboardOptions): Hono {
  const sessions = new Map<string, ClarificationSession>();
  const routes = new Hono();
  const reply = (session: ClarificationSession) => ({
    id: session.id,
    mission_id: session.missionId,
    ...session.current(),
  });
  routes.post('/', async (context) => {
    const parsed = StartSchema.safeParse(await context.req.json().catch(() => undefined));
    if (!parsed.success)
      return context.json(
        {
          error: 'BAD_REQUEST',
          problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        },
        400,
      );
    const session = await startClarificationSession({
      cwd: options.cwd,
      env: options.env,
      ...parsed.data,
      ...(options.describeModels === undefined ? {} : { describeModels: options.describeModels }),
      ...(options.clarifyModel === undefined ? {} : { questionModel: options.clarifyModel }),
      onApproved: (intent, path) => {
        options.runner.run(intent.mission_id, path);
      },
    }).catch((error: unknown) => error as Error);
    if (session instanceof Error)
      return context.json({ error: errorCode(session), message: session.message }, 400);
    sessions.set(session.id, session);
    return context.json(reply(session), 201);
  });
  const find = (id: string) => sessions.get(id);
  routes.get('/:id', (context) => {
    const session = find(context.req.param('id'));
    return session === undefined ? context.json({ error: 'NOT_FOUND' }, 404) : context.json(reply(session));
  });
  routes.post('/:id/answers', async (context) => {
    const session = find(context.req.param('id'));
    if (session === undefined) return context.json({ error: 'NOT_FOUND' }, 404);
    const parsed = AnswersSchema.safeParse(await context.req.json().catch(() => undefined));
    if (!parsed.success) return context.json({ error: 'BAD_REQUEST' }, 400);
    await session.answer(parsed.data.pass, parsed.data.answers);
    return context.json(reply(session));
  });
  routes.post('/:id/approval', async (context) => {
    const session = find(context.req.param('id'));
    if (session === undefined) return context.json({ error: 'NOT_FOUND' }, 404);
    const parsed = ApprovalSchema.safeParse(await context.req.json().catch(() => undefined));
    if (!parsed.success) return context.json({ error: 'BAD_REQUEST' }, 400);
    await session.decide(parsed.data.approved);
    return context.json(reply(session));
  });
  routes.delete('/:id', (context) => {
    const session = find(context.req.param('id'));
    if (session === undefined) return context.json({ error: 'NOT_FOUND' }, 404);
    session.cancel();
    sessions.delete(session.id);
    return context.json({ cancelled: session.id });
  });
  return routes;
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'CLARIFICATION_FAILED';
}
