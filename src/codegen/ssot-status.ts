import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSsotDiagrams } from '../ssot/index.js';
import { deriveRelationalSchema } from '../store/schema/derive-relational-schema.js';
import { diffRelationalSchema } from '../store/schema/diff-relational-schema.js';
import { MIGRATIONS_DIR, readMigrationFiles } from '../store/schema/migration-files.js';
import { EMPTY_SCHEMA } from '../store/schema/relational-schema.js';
import { checkDrift } from './check-drift.js';
import { APPROVAL_JSON_PATH } from './codegen-paths.js';
import { isoDay } from './daily-todo.js';
import { readGeneratedHeader } from './generated-header.js';
import type { GenerationContext } from './generation-context.js';
import { readGenerationRecord } from './molt-generation.js';
import { agentModulePath } from './render-agent-module.js';
import type { ApprovalReport } from './run-validation.js';
import { readGenerationReceipts } from './write-generation.js';

/** One success metric of the seed, computed. */
export interface StatusMetric {
  metric: string;
  /** `ok` met, `fail` not met, `n/a` nothing to measure yet. */
  status: 'ok' | 'fail' | 'n/a';
  detail: string;
}

async function diagramsMetric(context: GenerationContext): Promise<StatusMetric> {
  const metric = 'SSOT diagrams export without errors';
  try {
    const files = renderSsotDiagrams(context.ssot.model, context.ssot.files);
    const empty = files.filter((file) => file.text.trim() === '');
    return empty.length === 0
      ? {
          metric,
          status: 'ok',
          detail: `${files.length} files (${files.map((file) => file.name).join(', ')})`,
        }
      : { metric, status: 'fail', detail: `empty: ${empty.map((file) => file.name).join(', ')}` };
  } catch (error) {
    return { metric, status: 'fail', detail: error instanceof Error ? error.message : String(error) };
  }
}

async function agentBlocksMetric(context: GenerationContext): Promise<StatusMetric> {
  const metric = 'every agent has an SSOT block and vice versa';
  const problems: string[] = [];
  for (const agent of context.projectAgents) {
    const text = await readFile(join(context.cwd, agentModulePath(agent)), 'utf8').catch(() => undefined);
    if (text === undefined) problems.push(`${agent.name} has no module ${agentModulePath(agent)}`);
  }
  const modules = (await readdir(join(context.cwd, 'agents')).catch(() => [] as string[])).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );
  for (const name of modules.sort()) {
    const header = readGeneratedHeader(await readFile(join(context.cwd, 'agents', name), 'utf8'));
    if (header === undefined || context.ssot.registry.findAgent(header.element) === undefined) {
      problems.push(`agents/${name} has no agent in the model`);
    }
  }
  if (context.projectAgents.length === 0 && modules.length === 0) {
    return { metric, status: 'n/a', detail: 'the project model defines no agents' };
  }
  return problems.length === 0
    ? { metric, status: 'ok', detail: `${context.projectAgents.length} agents, ${modules.length} modules` }
    : { metric, status: 'fail', detail: problems.join('; ') };
}

/** Compares the model with the schema the last `db sync` migration records (no database is opened). */
async function schemaMetric(context: GenerationContext): Promise<StatusMetric> {
  const metric = 'database schema matches the model';
  const migrations = await readMigrationFiles(join(context.cwd, MIGRATIONS_DIR)).catch(() => []);
  const derived = deriveRelationalSchema(context.ssot.model).schema;
  const last = migrations.at(-1);
  if (last === undefined) {
    return derived.tables.length === 0
      ? { metric, status: 'ok', detail: 'the model has no tables' }
      : {
          metric,
          status: 'fail',
          detail: `no migrations yet; ${derived.tables.length} tables to create (swarmlord db sync)`,
        };
  }
  const changes = diffRelationalSchema(last.schemaAfter ?? EMPTY_SCHEMA, derived);
  return changes.length === 0
    ? {
        metric,
        status: 'ok',
        detail: `migrations up to ${last.name} describe the model (db status checks the live database)`,
      }
    : {
        metric,
        status: 'fail',
        detail: `${changes.length} change(s) since ${last.name} (swarmlord db sync)`,
      };
}

/**
 * The seed's success metrics, computed from the project's files: diagrams, agent ↔ block
 * coverage, schema vs model, hand edits, whether codegen ran today, the last validation, the last molt.
 */
export async function computeSsotStatus(context: GenerationContext, now: Date): Promise<StatusMetric[]> {
  const metrics: StatusMetric[] = [
    await diagramsMetric(context),
    await agentBlocksMetric(context),
    await schemaMetric(context),
  ];
  const drift = await checkDrift(context);
  const edits = drift.filter((finding) => finding.kind === 'hand-edit');
  metrics.push({
    metric: 'zero hand edits downstream',
    status: edits.length === 0 ? 'ok' : 'fail',
    detail:
      edits.length === 0
        ? `no hand edits${drift.length > 0 ? ` (${drift.length} other drift finding(s): swarmlord ssot drift)` : ''}`
        : edits.map((finding) => finding.path).join(', '),
  });
  const receipts = await readGenerationReceipts(context.cwd);
  const last = receipts.at(-1);
  metrics.push(
    last === undefined
      ? { metric: 'codegen ran today', status: 'fail', detail: 'never (swarmlord generate all)' }
      : {
          metric: 'codegen ran today',
          status: last.generated_at.slice(0, 10) === isoDay(now) ? 'ok' : 'fail',
          detail: `last: ${last.generated_at} (${last.target})`,
        },
  );
  const approvalText = await readFile(join(context.cwd, APPROVAL_JSON_PATH), 'utf8').catch(() => undefined);
  const approval = approvalText === undefined ? undefined : (JSON.parse(approvalText) as ApprovalReport);
  metrics.push(
    approval === undefined
      ? {
          metric: 'generated code passed tests + quorum',
          status: 'fail',
          detail: 'never validated (swarmlord validate)',
        }
      : {
          metric: 'generated code passed tests + quorum',
          status:
            approval.verdict === 'APPROVED' && approval.model_hash === context.modelHash ? 'ok' : 'fail',
          detail: `${approval.verdict} at ${approval.validated_at}${approval.model_hash === context.modelHash ? '' : ' (for an earlier model)'}`,
        },
  );
  const record = await readGenerationRecord(context.cwd);
  const molt = record.molts.at(-1);
  metrics.push(
    molt === undefined
      ? { metric: 'last molt', status: 'n/a', detail: `no molt yet; current generation ${record.generation}` }
      : {
          metric: 'last molt',
          status: 'ok',
          detail: `${molt.archive} at ${molt.created_at}; current generation ${record.generation}`,
        },
  );
  return metrics;
}
