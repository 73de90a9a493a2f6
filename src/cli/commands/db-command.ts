import type { Command } from 'commander';
import { MissionIntentSchema } from '../../contracts/index.js';
import { loadSsot } from '../../ssot/index.js';
import type { Store } from '../../store/index.js';
import { openStore, rebuildStore, StoreError, ssotSchemaStatus, syncSsotSchema } from '../../store/index.js';
import { formatDiagnostic } from '../../sysml/index.js';
import type { CliIo } from '../cli-io.js';

const DEFAULT_BLACKBOARD = MissionIntentSchema.shape.telemetry.parse(undefined).blackboard_path;

async function withStore<T>(io: CliIo, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ cwd: io.cwd, env: io.env });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function loadModel(io: CliIo) {
  const ssot = await loadSsot({ cwd: io.cwd, env: io.env });
  const errors = ssot.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    throw new StoreError(
      'DB_SCHEMA_INVALID',
      `the SSOT model has errors (check with 'swarmlord ssot check'):\n${errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  return ssot;
}

/** `swarmlord db sync | status | rebuild`: the SSOT's tables and the missions index. */
export function registerDbCommand(program: Command, io: CliIo): void {
  const db = program
    .command('db')
    .description(
      'the database: missions index and SSOT tables (PGlite in hfo_store/, or PostgreSQL via DATABASE_URL)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ swarmlord db status\n  $ swarmlord db sync --dry-run\n  $ swarmlord db rebuild',
    );

  db.command('sync')
    .description('model → schema → a migration under migrations/ → applied in one transaction')
    .option('--dry-run', 'print the SQL; write and apply nothing')
    .option('--allow-destructive', 'allow drops and narrowing changes')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord db sync --dry-run
  $ swarmlord db sync
  $ DATABASE_URL=postgresql://me@127.0.0.1:5432/swarm swarmlord db sync --allow-destructive`,
    )
    .action(async (options: { dryRun?: boolean; allowDestructive?: boolean; json?: boolean }) => {
      const ssot = await loadModel(io);
      const result = await withStore(io, (store) =>
        syncSsotSchema({
          sql: store.sql,
          model: ssot.model,
          cwd: io.cwd,
          sources: ssot.files,
          dryRun: options.dryRun === true,
          allowDestructive: options.allowDestructive === true,
        }),
      );
      for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify({ ...result, dry_run: options.dryRun === true }, null, 2)}\n`);
      } else if (options.dryRun === true) {
        io.stdout.write(
          result.upToDate ? '-- the database matches the model: nothing to do\n' : `${result.sql}\n`,
        );
      } else if (result.upToDate) {
        io.stdout.write('The database matches the model: nothing to do.\n');
      } else {
        for (const name of result.applied) io.stdout.write(`Applied ${name}\n`);
        if (result.created !== undefined) {
          io.stdout.write(
            `Wrote and applied ${result.created} (${result.changes.length} changes); review and commit it.\n`,
          );
        }
      }
    });

  db.command('status')
    .description('whether the database matches the model; exit 1 when it does not')
    .option('--json', 'print the status as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ swarmlord db status\n  $ DATABASE_URL=postgres://localhost/swarmlord swarmlord db status --json',
    )
    .action(async (options: { json?: boolean }) => {
      const ssot = await loadModel(io);
      const status = await withStore(io, (store) => ssotSchemaStatus(store.sql, ssot.model, io.cwd));
      if (options.json === true) io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else if (status.matches) {
        io.stdout.write(
          `The database matches the model (${status.tables} tables, last migration ${status.lastApplied ?? 'none'}).\n`,
        );
      } else {
        io.stdout.write('The database does not match the model:\n');
        for (const name of status.pending) io.stdout.write(`  pending migration ${name}\n`);
        for (const change of status.modelChanges)
          io.stdout.write(`  model change ${change} (run swarmlord db sync)\n`);
        for (const line of status.drift) io.stdout.write(`  drift: ${line}\n`);
      }
      for (const name of status.missingFiles)
        io.stderr.write(`warning: applied migration ${name} has no file in migrations/\n`);
      if (!status.matches) process.exitCode = 1;
    });

  db.command('rebuild')
    .description('rebuild the missions index from the blackboard (the record)')
    .option('--blackboard <file>', 'blackboard JSONL', DEFAULT_BLACKBOARD)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ swarmlord db rebuild\n  $ swarmlord db rebuild --blackboard hfo_blackboard/obsidian_synapse_blackboard.jsonl --json',
    )
    .action(async (options: { blackboard: string; json?: boolean }) => {
      const result = await withStore(io, (store) =>
        rebuildStore(store.missions, { cwd: io.cwd, blackboardPath: options.blackboard }),
      );
      if (options.json === true) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else
        io.stdout.write(`Rebuilt the index: ${result.missions} missions from ${result.receipts} receipts.\n`);
    });
}
