import { api, el, missionIdFromPath, mount, percent, send, verdictBadge } from './dom.js';
import { digestSection, verifySection } from './mission-report.js';

const PHASES = ['perceive', 'react', 'engage', 'yield'];
const missionId = missionIdFromPath();

/** The lanes × phases grid, kept from the receipts as they arrive. */
function createGrid() {
  const lanes = new Map();
  const body = el('tbody');
  const table = el(
    'table',
    { id: 'grid', 'data-events': '0' },
    el('caption', {}, 'Lanes × phases (live)'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Lane'),
        PHASES.map((phase) => el('th', { scope: 'col' }, phase)),
      ),
    ),
    body,
  );
  const lane = (id) => {
    let row = lanes.get(id);
    if (row === undefined) {
      const cells = new Map(
        PHASES.map((phase) => [
          phase,
          el('td', { 'data-lane': id, 'data-phase': phase, 'data-state': 'pending' }, '·'),
        ]),
      );
      const label = el('th', { scope: 'row' }, id);
      body.append(el('tr', { 'data-lane-row': id }, label, [...cells.values()]));
      row = { cells, label, attempt: 1 };
      lanes.set(id, row);
    }
    return row;
  };
  const setCell = (cell, state, text) => {
    cell.setAttribute('data-state', state);
    cell.textContent = text;
  };
  return {
    table,
    lane,
    /** A run that is not going on (interrupted, stopped): a phase shown running is not. */
    markNotRunning() {
      for (const row of lanes.values())
        for (const cell of row.cells.values())
          if (cell.getAttribute('data-state') === 'running') setCell(cell, 'stalled', 'not finished');
    },
    apply(entry) {
      table.setAttribute('data-events', String(Number(table.getAttribute('data-events')) + 1));
      if (entry.phase === 'mission_start') for (const id of entry.lane_ids ?? []) lane(id);
      if (entry.phase === 'lane_start') {
        const row = lane(entry.lane_id);
        if (entry.attempt > row.attempt) {
          row.attempt = entry.attempt;
          row.label.textContent = `${entry.lane_id} (re-run ${entry.attempt})`;
          for (const cell of row.cells.values()) setCell(cell, 'pending', '·');
        }
        setCell(row.cells.get('perceive'), 'running', 'running…');
      }
      if (PHASES.includes(entry.phase)) {
        const row = lane(entry.lane_id);
        setCell(
          row.cells.get(entry.phase),
          'done',
          entry.attempt > 1 ? `done (attempt ${entry.attempt})` : 'done',
        );
        const next = PHASES[PHASES.indexOf(entry.phase) + 1];
        if (next !== undefined && row.cells.get(next).getAttribute('data-state') === 'pending')
          setCell(row.cells.get(next), 'running', 'running…');
      }
      if (entry.phase === 'lane_end') {
        const row = lane(entry.lane_id);
        for (const cell of row.cells.values())
          if (cell.getAttribute('data-state') !== 'done') setCell(cell, 'failed', 'failed');
      }
    },
  };
}

function roundItem(entry) {
  if (entry.phase === 'verify') {
    return el(
      'li',
      { 'data-round': entry.attempt },
      'Verify round ',
      String(entry.attempt),
      ': ',
      verdictBadge(entry.verdict),
      ' ',
      entry.summary,
    );
  }
  return el('li', { 'data-rerun': entry.attempt }, `Re-run (attempt ${entry.attempt}): `, entry.summary);
}

const RUN_STATE_TEXT = {
  running: 'Running.',
  interrupted:
    'Interrupted: its run began and never ended, and the process that ran it is gone (killed or crashed). Resume continues it from its journal.',
  stopped: 'Stopped with a partial digest; resume continues it from its journal.',
  finished: 'Finished.',
  unknown: 'No journal for this mission (not run yet, or run before journals).',
};

/** A partial digest: why it is partial and which lanes' phases it has nothing from. */
function partialSection(view) {
  if (view.digest?.partial !== true) return [];
  return [
    el('h2', {}, 'Partial digest'),
    el('p', { id: 'partial-reason' }, `Why: ${view.digest.partial_reason ?? 'not recorded'}`),
    view.missing.length === 0
      ? el(
          'p',
          { id: 'missing' },
          'Every lane finished its four phases; what was cut short is listed in the digest.',
        )
      : el(
          'ul',
          { id: 'missing', 'aria-label': 'Missing phases' },
          view.missing.map((lane) =>
            el(
              'li',
              { 'data-missing-lane': lane.lane_id },
              `${lane.lane_id}${lane.attempt > 1 ? ` (attempt ${lane.attempt})` : ''}: not run: ${lane.phases.join(', ')}`,
            ),
          ),
        ),
  ];
}

async function main() {
  const title = el('h1', {}, 'Mission ', el('code', {}, missionId));
  const status = el('p', { id: 'live-status', role: 'status' }, 'connecting…');
  const verdict = el('p', { id: 'verdict' });
  const grid = createGrid();
  const rounds = el('ol', { id: 'rounds' });
  const timeline = el('ol', { id: 'timeline', class: 'timeline', tabindex: 0, 'aria-label': 'Receipts' });
  const report = el('section', { id: 'report', 'aria-label': 'Verify report' });
  const digest = el('section', { id: 'digest', 'aria-label': 'Digest' });
  const message = el('p', { id: 'action-message', role: 'status' });
  const runState = el('p', { id: 'run-state', 'data-state': 'unknown' });
  const partial = el('section', { id: 'partial', 'aria-label': 'What the partial digest is missing' });
  const cancel = el('button', { type: 'button', id: 'cancel', disabled: true }, 'Cancel (partial digest)');
  const resume = el('button', { type: 'button', id: 'resume', disabled: true }, 'Resume');
  cancel.addEventListener('click', () => {
    cancel.disabled = true;
    send(`/api/missions/${encodeURIComponent(missionId)}/cancel`, 'POST').then(
      () => {
        message.textContent = 'Cancelling: the mission ends with a partial digest of what was verified.';
        void refresh();
      },
      (error) => (message.textContent = error.message),
    );
  });
  resume.addEventListener('click', () => {
    resume.disabled = true;
    send(`/api/missions/${encodeURIComponent(missionId)}/resume`, 'POST').then(
      () => {
        message.textContent = 'Resuming from the journal: finished steps are not run again.';
        status.textContent = 'live';
        void refresh();
      },
      (error) => (message.textContent = error.message),
    );
  });
  const objective = el('p', { id: 'objective' });
  mount(
    title,
    objective,
    el(
      'p',
      {},
      el('a', { href: `/missions/${encodeURIComponent(missionId)}/trace` }, 'Trace waterfall'),
      ' ',
      cancel,
      ' ',
      resume,
    ),
    message,
    runState,
    status,
    verdict,
    partial,
    grid.table,
    el('h2', {}, 'Verify rounds and re-runs'),
    rounds,
    report,
    digest,
    el('h2', {}, 'Receipts'),
    timeline,
  );
  let poll;
  const showRunState = (view) => {
    const state = view.run_state?.state ?? 'unknown';
    runState.setAttribute('data-state', state);
    runState.textContent = RUN_STATE_TEXT[state] ?? state;
    if (view.run_state?.reason !== undefined) runState.append(` ${view.run_state.reason}.`);
    const process = view.process;
    if (process?.exitCode !== undefined && process.exitCode !== null)
      runState.append(` (its \`mission ${process.command}\` process exited with code ${process.exitCode})`);
    runState.setAttribute('data-exit-code', process?.exitCode ?? '');
    if (state === 'interrupted' || state === 'stopped') grid.markNotRunning();
    cancel.disabled = view.run_state?.cancellable !== true;
    resume.disabled = view.run_state?.resumable !== true;
    // A process this page started ends without a receipt telling the page its exit code: ask again.
    if (state === 'running' && poll === undefined) poll = setInterval(() => void refresh(), 2000);
    if (state !== 'running' && poll !== undefined) {
      clearInterval(poll);
      poll = undefined;
    }
  };
  let refreshing = false;
  let again = false;
  const refresh = async () => {
    // One request at a time; a receipt that asks while one is out gets one more after it.
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const view = await api(`/api/missions/${encodeURIComponent(missionId)}`);
      objective.textContent = view.objective ?? '';
      for (const id of view.lane_ids) grid.lane(id);
      report.replaceChildren(...verifySection(view.verify_rounds));
      digest.replaceChildren(...digestSection(view.digest));
      showRunState(view);
      if (view.digest !== undefined) {
        verdict.replaceChildren(
          'Verdict: ',
          verdictBadge(view.digest.verdict),
          ` hallucination rate ${percent(view.digest.hallucination_rate)}`,
          view.digest.partial ? ' ' : '',
          view.digest.partial
            ? el('span', { class: 'badge status-partial', id: 'partial-badge' }, 'PARTIAL')
            : '',
        );
      }
      partial.replaceChildren(...partialSection(view));
    } catch (error) {
      message.textContent = error.message;
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };
  // The stream first: a mission that has just started must not run ahead of the page.
  const events = new EventSource(`/api/missions/${encodeURIComponent(missionId)}/events`);
  events.addEventListener('receipt', (event) => {
    const entry = JSON.parse(event.data);
    grid.apply(entry);
    timeline.append(
      el(
        'li',
        { 'data-seq': entry.seq },
        el('code', {}, `${entry.lane_id} ${entry.phase}`),
        ' ',
        entry.summary,
      ),
    );
    if (entry.phase === 'verify' || entry.phase === 'rerun') rounds.append(roundItem(entry));
    if (entry.phase === 'mission_start') for (const id of entry.lane_ids ?? []) grid.lane(id);
    if (['verify', 'digest', 'mission_end', 'mission_error'].includes(entry.phase)) void refresh();
    if (entry.phase === 'mission_end') status.textContent = `finished: ${entry.summary}`;
    if (entry.phase === 'mission_error') status.textContent = `failed: ${entry.summary}`;
  });
  events.addEventListener('replayed', () => {
    // How many receipts were already on the blackboard when the page connected: the rest came live.
    grid.table.setAttribute('data-replayed-events', grid.table.getAttribute('data-events'));
    if (!status.textContent.startsWith('finished') && !status.textContent.startsWith('failed'))
      status.textContent = 'live';
    // The run state once more, now that every receipt so far is in the grid.
    void refresh();
  });
  events.addEventListener('error', () => {
    status.textContent = 'disconnected; retrying…';
  });
  await refresh();
}

void main();
