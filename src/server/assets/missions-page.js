import { api, el, mount, percent, verdictBadge } from './dom.js';

const STATUSES = ['', 'running', 'interrupted', 'partial', 'failed', 'passed', 'caution'];

async function load(status, text) {
  const query = status === '' ? '' : `?status=${encodeURIComponent(status)}`;
  const { missions } = await api(`/api/missions${query}`);
  const needle = text.trim().toLowerCase();
  return missions.filter(
    (mission) =>
      needle === '' || mission.objective.toLowerCase().includes(needle) || mission.id.includes(needle),
  );
}

/** The status as `mission ls` decides it; why, for running and interrupted, as the tooltip. */
function statusBadge(mission) {
  return el(
    'span',
    { class: `badge status-${mission.status}`, 'data-status': mission.status, title: mission.statusReason },
    mission.status,
  );
}

function table(missions) {
  if (missions.length === 0)
    return el('p', { class: 'muted', id: 'empty' }, 'No missions yet. Start one: New mission.');
  const head = el(
    'tr',
    {},
    ['Mission', 'Status', 'Verdict', 'Rate', 'Tokens', 'Cost', 'Started', 'Objective'].map((name) =>
      el('th', { scope: 'col' }, name),
    ),
  );
  const rows = missions.map((mission) =>
    el(
      'tr',
      { 'data-mission': mission.id },
      el('td', {}, el('a', { href: `/missions/${encodeURIComponent(mission.id)}` }, mission.id)),
      el('td', {}, statusBadge(mission)),
      el('td', {}, verdictBadge(mission.verdict)),
      el('td', {}, percent(mission.hallucinationRate)),
      el('td', {}, String(mission.inputTokens + mission.outputTokens)),
      el('td', {}, `$${mission.costUsd.toFixed(4)}`),
      el('td', {}, mission.startedAt.replace(/\.\d+Z$/, 'Z')),
      el('td', {}, mission.objective),
    ),
  );
  return el(
    'table',
    { id: 'missions' },
    el('caption', {}, 'Missions, newest first'),
    el('thead', {}, head),
    el('tbody', {}, rows),
  );
}

async function auditLine() {
  const line = el('p', { id: 'audit', role: 'status' }, 'Checking the blackboard’s hash chain…');
  api('/api/blackboard/audit').then(
    (audit) => {
      line.setAttribute('data-ok', audit.ok ? 'true' : 'false');
      line.textContent = audit.ok
        ? `Blackboard ${audit.path}: chain intact, ${audit.receipts} receipts, ${audit.missions} missions${audit.torn === undefined ? '' : ' (a torn last line will be set aside)'}.`
        : `Blackboard ${audit.path}: chain BROKEN at line ${audit.firstBad?.line ?? '?'}: ${audit.firstBad?.reason ?? 'unknown'}`;
    },
    (error) => {
      line.textContent = `Blackboard audit failed: ${error.message}`;
    },
  );
  return line;
}

async function main() {
  const status = el(
    'select',
    { id: 'status-filter' },
    STATUSES.map((value) => el('option', { value }, value === '' ? 'any status' : value)),
  );
  const text = el('input', { id: 'text-filter', type: 'search', placeholder: 'objective or id' });
  const result = el('div', { id: 'missions-result' });
  const refresh = async () => {
    try {
      result.replaceChildren(table(await load(status.value, text.value)));
    } catch (error) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert' }, String(error.message)));
    }
  };
  status.addEventListener('change', refresh);
  text.addEventListener('input', refresh);
  mount(
    el('h1', {}, 'Missions'),
    await auditLine(),
    el(
      'form',
      { class: 'filters', role: 'search' },
      el('label', { for: 'status-filter' }, 'Status '),
      status,
      el('label', { for: 'text-filter' }, ' Filter '),
      text,
    ),
    result,
  );
  await refresh();
}

void main();
