import { api, el, missionIdFromPath, mount } from './dom.js';

const missionId = missionIdFromPath();

function milliseconds(value) {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

async function main() {
  const header = [
    el('h1', {}, 'Trace of ', el('a', { href: `/missions/${encodeURIComponent(missionId)}` }, missionId)),
  ];
  let trace;
  try {
    trace = await api(`/api/missions/${encodeURIComponent(missionId)}/trace`);
  } catch (error) {
    mount(...header, el('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }
  const total = Math.max(1, ...trace.rows.map((row) => row.offset_ms + row.duration_ms));
  const rows = trace.rows.map((row) => {
    const bar = el('div', {
      class: row.critical ? 'bar critical' : row.status.code === 'ERROR' ? 'bar error' : 'bar',
      // Positions are numbers the server computed; a style attribute is allowed by 'self' styles only when set from script.
    });
    bar.style.marginLeft = `${((row.offset_ms / total) * 100).toFixed(3)}%`;
    bar.style.width = `${Math.max(0.3, (row.duration_ms / total) * 100).toFixed(3)}%`;
    return el(
      'tr',
      { 'data-span': row.span_id, 'data-critical': row.critical ? 'true' : 'false' },
      el(
        'td',
        { class: 'span-name' },
        el('span', { class: 'indent' }, '  '.repeat(row.depth)),
        row.critical ? '* ' : '',
        row.name,
      ),
      el('td', { class: 'duration' }, milliseconds(row.duration_ms)),
      el('td', { class: 'track' }, bar),
    );
  });
  mount(
    ...header,
    el(
      'p',
      { class: 'muted' },
      `trace ${trace.trace_id}: ${trace.rows.length} spans${trace.dropped_spans > 0 ? `, ${trace.dropped_spans} dropped` : ''}; * marks the critical path`,
    ),
    el(
      'table',
      { id: 'waterfall' },
      el('caption', {}, 'Spans by start time; bars are offset and length on the mission’s time line'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Span'),
          el('th', { scope: 'col' }, 'Duration'),
          el('th', { scope: 'col' }, 'Time line'),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

void main();
