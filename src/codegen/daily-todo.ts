import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CodegenError } from './codegen-error.js';

/** Where the daily mission files live (seed `000_…`: `hfo_todo/YYYY-MM-DD-*.md`). */
export const TODO_DIR = 'hfo_todo';
/** Most priorities a day takes (the seed: "Prioritize 1-3 items max"). */
export const MAX_PRIORITIES = 3;

/** One item of a day's TODO. */
export interface TodoItem {
  text: string;
  done: boolean;
  /** What came of it (`todo done <n> --outcome`). */
  outcome?: string;
}

/** A day's TODO file, parsed. */
export interface DailyTodo {
  date: string;
  priorities: TodoItem[];
  backlog: TodoItem[];
  alerts: string[];
  evening: string[];
}

const ITEM = /^\s*(?:\d+\.|-)\s+\[( |x)\]\s+(.*?)(?:\s+—\s+outcome:\s+(.*))?$/;

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The path of a day's mission file. */
export function todoPath(date: string): string {
  return `${TODO_DIR}/${date}-mission.md`;
}

/** Parses a TODO file written by {@link renderDailyTodo} (hand edits in the same shape are kept). */
export function parseDailyTodo(date: string, text: string): DailyTodo {
  const todo: DailyTodo = { date, priorities: [], backlog: [], alerts: [], evening: [] };
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('## ')) {
      section = line.slice(3).trim().toLowerCase();
      continue;
    }
    const item = ITEM.exec(line);
    if (
      item !== null &&
      (section === 'priorities' || section.startsWith('carried') || section === 'backlog')
    ) {
      const parsed: TodoItem = { text: item[2] ?? '', done: item[1] === 'x' };
      if (item[3] !== undefined) parsed.outcome = item[3];
      (section === 'priorities' ? todo.priorities : todo.backlog).push(parsed);
    } else if (section === 'alerts' && line.startsWith('- ')) todo.alerts.push(line.slice(2));
    else if (section === 'evening' && line.startsWith('- ')) todo.evening.push(line.slice(2));
  }
  return todo;
}

function renderItem(item: TodoItem, marker: string): string {
  return `${marker} [${item.done ? 'x' : ' '}] ${item.text}${item.outcome === undefined ? '' : ` — outcome: ${item.outcome}`}`;
}

/** The file's text: priorities numbered (what `todo done <n>` counts), then backlog, alerts, evening. */
export function renderDailyTodo(todo: DailyTodo): string {
  return [
    `# Mission ${todo.date}`,
    '',
    '## Priorities',
    '',
    ...(todo.priorities.length === 0
      ? ['(none yet: `swarmlord todo add "<item>"`)']
      : todo.priorities.map((item, index) => renderItem(item, `${index + 1}.`))),
    '',
    '## Backlog',
    '',
    ...todo.backlog.map((item) => renderItem(item, '-')),
    '',
    '## Alerts',
    '',
    ...todo.alerts.map((alert) => `- ${alert}`),
    '',
    '## Evening',
    '',
    ...todo.evening.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

/** The latest day's file before `date`, or undefined. */
async function latestBefore(cwd: string, date: string): Promise<{ date: string; text: string } | undefined> {
  const names = await readdir(join(cwd, TODO_DIR)).catch(() => [] as string[]);
  const days = names
    .map((name) => /^(\d{4}-\d{2}-\d{2})-.*\.md$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null && (match[1] ?? '') < date)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const last = days.at(-1);
  if (last === undefined) return undefined;
  return { date: last[1] ?? '', text: await readFile(join(cwd, TODO_DIR, last[0]), 'utf8') };
}

/** Alert lines of AGENTS.md: list items under a heading that names alerts or incidents. */
export function agentsAlerts(text: string): string[] {
  const alerts: string[] = [];
  let inAlerts = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^#{1,6}\s/.test(line)) inAlerts = /alert|incident/i.test(line);
    else if (inAlerts && /^\s*[-*]\s+\S/.test(line))
      alerts.push(`AGENTS.md: ${line.replace(/^\s*[-*]\s+/, '')}`);
  }
  return alerts;
}

/** FAIL verdicts of digests created in the `days` before `now`. */
async function recentFailures(cwd: string, now: Date, days = 7): Promise<string[]> {
  const root = join(cwd, 'hfo_digests');
  const missions = await readdir(root).catch(() => [] as string[]);
  const since = now.getTime() - days * 86_400_000;
  const alerts: string[] = [];
  for (const mission of missions.sort()) {
    const text = await readFile(join(root, mission, 'digest.json'), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const digest = JSON.parse(text) as { verdict?: string; created_at?: string; objective?: string };
    const created = Date.parse(digest.created_at ?? '');
    if (digest.verdict === 'FAIL' && created >= since) {
      alerts.push(
        `FAIL verdict: mission ${mission} (${digest.created_at?.slice(0, 10)}): ${digest.objective ?? ''}`,
      );
    }
  }
  return alerts;
}

/** Reads a day's TODO, or undefined when it has none. */
export async function readDailyTodo(cwd: string, date: string): Promise<DailyTodo | undefined> {
  const text = await readFile(join(cwd, todoPath(date)), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseDailyTodo(date, text);
}

/** Writes a day's TODO and returns its path relative to the project. */
export async function writeDailyTodo(cwd: string, todo: DailyTodo): Promise<string> {
  await mkdir(join(cwd, TODO_DIR), { recursive: true });
  await writeFile(join(cwd, todoPath(todo.date)), renderDailyTodo(todo), 'utf8');
  return todoPath(todo.date);
}

/**
 * The morning ritual: today's file from the latest earlier one, its open items carried over (the
 * first three are the priorities, the rest the backlog), with alerts from AGENTS.md and from FAIL
 * verdicts of the past week. An existing file for today is left as it is.
 */
export async function startDailyTodo(
  cwd: string,
  now: Date,
): Promise<{ todo: DailyTodo; path: string; created: boolean; from?: string }> {
  const date = isoDay(now);
  const existing = await readDailyTodo(cwd, date);
  if (existing !== undefined) return { todo: existing, path: todoPath(date), created: false };
  const previous = await latestBefore(cwd, date);
  const carried =
    previous === undefined
      ? []
      : (() => {
          const parsed = parseDailyTodo(previous.date, previous.text);
          return [...parsed.priorities, ...parsed.backlog]
            .filter((item) => !item.done)
            .map((item) => ({ text: item.text, done: false }));
        })();
  const agents = await readFile(join(cwd, 'AGENTS.md'), 'utf8').catch(() => '');
  const todo: DailyTodo = {
    date,
    priorities: carried.slice(0, MAX_PRIORITIES),
    backlog: carried.slice(MAX_PRIORITIES),
    alerts: [...agentsAlerts(agents), ...(await recentFailures(cwd, now))],
    evening: [],
  };
  const path = await writeDailyTodo(cwd, todo);
  return { todo, path, created: true, ...(previous === undefined ? {} : { from: todoPath(previous.date) }) };
}

/** Today's TODO, or a `TODO_INVALID` error telling the user to start the day. */
export async function requireDailyTodo(cwd: string, now: Date): Promise<DailyTodo> {
  const todo = await readDailyTodo(cwd, isoDay(now));
  if (todo === undefined) {
    throw new CodegenError('TODO_INVALID', `no ${todoPath(isoDay(now))} yet: run \`swarmlord todo\` first`);
  }
  return todo;
}

/** Adds an item: a priority while there are fewer than three, else to the backlog. */
export function addTodoItem(todo: DailyTodo, text: string): DailyTodo {
  const item = { text, done: false };
  return todo.priorities.length < MAX_PRIORITIES
    ? { ...todo, priorities: [...todo.priorities, item] }
    : { ...todo, backlog: [...todo.backlog, item] };
}

/** Marks priority `n` (1-based) done, with an outcome. */
export function completeTodoItem(todo: DailyTodo, n: number, outcome?: string): DailyTodo {
  const item = todo.priorities[n - 1];
  if (item === undefined || !Number.isInteger(n)) {
    throw new CodegenError(
      'TODO_INVALID',
      `no priority ${n} in ${todoPath(todo.date)} (it has ${todo.priorities.length})`,
    );
  }
  const priorities = todo.priorities.map((candidate, index) =>
    index === n - 1 ? { ...candidate, done: true, ...(outcome === undefined ? {} : { outcome }) } : candidate,
  );
  return { ...todo, priorities };
}

/** The evening ritual: one line summing up the day's outcomes, plus the person's note. */
export function closeDailyTodo(todo: DailyTodo, note: string | undefined, now: Date): DailyTodo {
  const done = todo.priorities.filter((item) => item.done).length;
  const line = `${now.toISOString().slice(11, 16)}Z: ${done} of ${todo.priorities.length} priorities done${note === undefined || note === '' ? '' : `; ${note}`}`;
  return { ...todo, evening: [...todo.evening, line] };
}
