import { el, percent, verdictBadge } from './dom.js';

function evidenceBlock(ref) {
  const parts = [
    el(
      'div',
      { class: 'ref' },
      el('code', {}, ref.ref),
      ' ',
      el(
        'span',
        { class: `outcome outcome-${String(ref.outcome ?? 'unknown').toLowerCase()}` },
        ref.outcome ?? 'not checked',
      ),
    ),
  ];
  if (ref.relocated_lines !== undefined)
    parts.push(
      el('div', { class: 'muted' }, `now at lines ${ref.relocated_lines[0]}–${ref.relocated_lines[1]}`),
    );
  if (ref.quote !== undefined) parts.push(el('blockquote', { class: 'quote' }, ref.quote));
  const evidence = ref.evidence;
  if (evidence?.excerpt !== undefined) {
    parts.push(
      el(
        'pre',
        {
          class: 'evidence',
          tabindex: 0,
          'aria-label': `${evidence.path} lines ${evidence.lines[0]} to ${evidence.lines[1]}`,
        },
        evidence.excerpt.map((line) =>
          el(
            'span',
            { class: line.cited ? 'line cited' : 'line', 'data-line': line.number },
            `${String(line.number).padStart(4)}  ${line.text}`,
          ),
        ),
      ),
    );
  } else if (evidence?.problem !== undefined) {
    parts.push(el('div', { class: 'muted' }, `evidence not shown: ${evidence.problem}`));
  }
  return el('div', { class: 'evidence-ref' }, parts);
}

function claimRow(claim) {
  const why = [
    ...claim.problems,
    ...(claim.missing_tokens.length === 0
      ? []
      : [`not in the cited lines: ${claim.missing_tokens.join(', ')}`]),
    ...claim.judgements.map(
      (judgement) => `${judgement.validator} (${judgement.model}): ${judgement.support}, ${judgement.reason}`,
    ),
  ];
  return el(
    'tr',
    { 'data-claim': claim.claim_id, 'data-status': claim.status },
    el('td', {}, el('code', {}, claim.claim_id), el('br'), claim.lane_id),
    el('td', {}, el('span', { class: `badge claim-${claim.status}` }, claim.status)),
    el('td', {}, claim.text ?? '(claim text not on the blackboard)'),
    el(
      'td',
      { class: 'why' },
      why.length === 0
        ? '—'
        : el(
            'ul',
            {},
            why.map((line) => el('li', {}, line)),
          ),
    ),
    el('td', {}, claim.refs.length === 0 ? 'no evidence' : claim.refs.map(evidenceBlock)),
  );
}

/** The Verify report of every round: each claim with its status, why it failed and its evidence. */
export function verifySection(rounds) {
  if (rounds.length === 0)
    return [el('h2', {}, 'Verify report'), el('p', { class: 'muted' }, 'No Verify round yet.')];
  return [
    el('h2', {}, 'Verify report'),
    ...rounds.map((round) =>
      el(
        'details',
        { open: round === rounds[rounds.length - 1], 'data-report-round': round.attempt },
        el(
          'summary',
          {},
          `Round ${round.attempt}: `,
          verdictBadge(round.report.verdict),
          ` rate ${percent(round.report.hallucination_rate)}, ${round.report.claims_grounded}/${round.report.claims_total} grounded, quorum ${round.report.quorum.passed}/${round.report.quorum.threshold} ${round.report.quorum.held ? 'held' : 'not held'}`,
        ),
        round.report.checked === undefined
          ? null
          : el('p', { class: 'muted' }, `Checked: ${round.report.checked}`),
        el(
          'ul',
          {},
          round.report.validators.map((validator) =>
            el(
              'li',
              {},
              `${validator.validator}: ${validator.passed ? 'pass' : 'fail'} — ${validator.summary}`,
            ),
          ),
        ),
        el(
          'table',
          { class: 'claims' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['Claim', 'Status', 'Text', 'Why', 'Evidence'].map((name) => el('th', { scope: 'col' }, name)),
            ),
          ),
          el('tbody', {}, round.claims.map(claimRow)),
        ),
      ),
    ),
  ];
}

/** The digest: verdict, BLUF, decision matrix, blockers, diagrams (as SVG, with their mermaid source). */
export function digestSection(digest) {
  return digestParts(digest).filter((part) => part !== null);
}

function digestParts(digest) {
  if (digest === undefined) return [el('h2', {}, 'Digest'), el('p', { class: 'muted' }, 'No digest yet.')];
  const matrix = digest.decision_matrix;
  return [
    el('h2', {}, 'Digest ', verdictBadge(digest.verdict)),
    el(
      'p',
      { class: 'muted' },
      `${digest.engine}; confidence ${digest.confidence.toFixed(2)}${digest.partial ? `; partial: ${digest.partial_reason ?? ''}` : ''}`,
    ),
    el(
      'ul',
      { id: 'bluf' },
      digest.bluf.map((line) => el('li', {}, line)),
    ),
    el(
      'table',
      { class: 'matrix' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          matrix.columns.map((column) => el('th', { scope: 'col' }, column)),
        ),
      ),
      el(
        'tbody',
        {},
        matrix.rows.map((row) =>
          el(
            'tr',
            {},
            row.map((cell) => el('td', {}, cell)),
          ),
        ),
      ),
    ),
    digest.blockers.length === 0
      ? null
      : el(
          'div',
          {},
          el('h3', {}, 'Blockers'),
          el(
            'ul',
            {},
            digest.blockers.map((line) => el('li', {}, line)),
          ),
        ),
    ...digest.diagrams.map((diagram, index) => diagramFigure(diagram, index)),
  ];
}

let diagramCount = 0;

/**
 * A digest diagram: rendered to SVG by mermaid (served by the dashboard, strict security level:
 * labels are text, never markup), with its source kept below for copying and as the fallback.
 */
export function diagramFigure(diagram, index) {
  const rendered = el('div', { class: 'mermaid-svg', 'data-diagram': index });
  const figure = el(
    'figure',
    { class: 'diagram' },
    el('figcaption', {}, diagram.title),
    rendered,
    el(
      'details',
      {},
      el('summary', {}, 'mermaid source'),
      el('pre', { class: 'mermaid-source', tabindex: 0 }, diagram.mermaid),
    ),
  );
  const mermaid = window.mermaid;
  if (mermaid !== undefined) {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    diagramCount += 1;
    mermaid.render(`digest-diagram-${diagramCount}`, diagram.mermaid).then(
      ({ svg }) => {
        const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
        parsed.setAttribute('role', 'img');
        parsed.setAttribute('aria-label', diagram.title);
        rendered.replaceChildren(document.importNode(parsed, true));
      },
      (error) =>
        rendered.replaceChildren(el('p', { class: 'error' }, `diagram not rendered: ${error.message}`)),
    );
  }
  return figure;
}
