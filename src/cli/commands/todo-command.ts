import type { Command } from 'commander';
import {
  addTodoItem,
  closeDailyTodo,
  completeTodoItem,
  requireDailyTodo,
  startDailyTodo,
  todoPath,
  writeDailyTodo,
} from '../../codegen/index.js';
import type { CliIo } from '../cli-io.js';
import { reportCodegenError } from './generate-command.js';

/** Today in the ritual's clock; `SWARMLORD_TODAY` (YYYY-MM-DD) pins it for scripts and tests. */
function ritualNow(io: CliIo): Date {
  const pinned = io.env.SWARMLORD_TODAY?.trim() ?? '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(pinned)) return new Date(`${pinned}T${new Date().toISOString().slice(11)}`);
  return new Date();
}

async function act(io: CliIo, action: () => Promise<string>): Promise<void> {
  try {
    io.stdout.write(`${await action()}\n`);
  } catch (error) {
    process.exitCode = reportCodegenError(io, error);
  }
}

/** Registers `swarmlord todo` (morning), `todo add`, `todo done <n>` and `todo evening`. */
export function registerTodoCommand(program: Command, io: CliIo): void {
  const todo = program
    .command('todo')
    .description("the daily ritual: create today's hfo_todo/YYYY-MM-DD-mission.md from yesterday's")
    .addHelpText(
      'after',
      `
Morning: open items are carried over (at most 3 priorities, the rest in the backlog), with alerts
from AGENTS.md and from FAIL verdicts of the past week. Evening: record outcomes.

Examples:
  $ swarmlord todo
  $ swarmlord todo add "Model the ReportWriter agent"
  $ swarmlord todo done 1 --outcome "generated and approved"
  $ swarmlord todo evening --note "molt tomorrow"`,
    )
    .action(() =>
      act(io, async () => {
        const started = await startDailyTodo(io.cwd, ritualNow(io));
        if (!started.created) return `${started.path} exists (${started.todo.priorities.length} priorities)`;
        return `created ${started.path}${started.from === undefined ? '' : ` from ${started.from}`}: ${started.todo.priorities.length} priorities, ${started.todo.backlog.length} in the backlog, ${started.todo.alerts.length} alerts`;
      }),
    );
  todo
    .command('add')
    .description('add an item: a priority while there are fewer than 3, else the backlog')
    .argument('<text>', 'the item')
    .addHelpText('after', '\nExamples:\n  $ swarmlord todo add "Model the ReportWriter agent"')
    .action((text: string) =>
      act(io, async () => {
        const now = ritualNow(io);
        const path = await writeDailyTodo(io.cwd, addTodoItem(await requireDailyTodo(io.cwd, now), text));
        return `added to ${path}`;
      }),
    );
  todo
    .command('done')
    .description('mark priority <n> done, with its outcome')
    .argument('<n>', 'the priority number (1-3)')
    .option('--outcome <text>', 'what came of it')
    .addHelpText('after', '\nExamples:\n  $ swarmlord todo done 1 --outcome "generated and approved"')
    .action((n: string, options: { outcome?: string }) =>
      act(io, async () => {
        const now = ritualNow(io);
        const day = completeTodoItem(await requireDailyTodo(io.cwd, now), Number(n), options.outcome);
        await writeDailyTodo(io.cwd, day);
        return `priority ${n} done in ${todoPath(day.date)}`;
      }),
    );
  todo
    .command('evening')
    .description("record the day's outcomes in today's file")
    .option('--note <text>', 'a line about the day')
    .addHelpText('after', '\nExamples:\n  $ swarmlord todo evening --note "molt tomorrow"')
    .action((options: { note?: string }) =>
      act(io, async () => {
        const now = ritualNow(io);
        const day = closeDailyTodo(await requireDailyTodo(io.cwd, now), options.note, now);
        await writeDailyTodo(io.cwd, day);
        return `evening recorded in ${todoPath(day.date)}: ${day.evening.at(-1) ?? ''}`;
      }),
    );
}
