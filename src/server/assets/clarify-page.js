import { el, mount, send } from './dom.js';

let session;

function showError(error) {
  const alert = document.getElementById('clarify-error');
  if (alert !== null) alert.textContent = error.message;
}

function render(state) {
  session = state;
  if (state.state === 'answering') return renderPass(state);
  if (state.state === 'approving') return renderApproval(state);
  if (state.state === 'approved') {
    window.location.assign(`/missions/${encodeURIComponent(state.mission_id)}`);
    return undefined;
  }
  return mount(
    el('h1', {}, 'New mission'),
    el(
      'p',
      { role: 'alert' },
      state.state === 'cancelled' ? 'Cancelled; nothing was written.' : `Failed: ${state.error}`,
    ),
  );
}

function renderPass(state) {
  const inputs = state.pass.questions.map((question, index) => {
    const id = `answer-${index}`;
    return {
      field: el(
        'div',
        { class: 'question' },
        el('label', { for: id }, question.text),
        el('textarea', {
          id,
          name: question.topic,
          rows: 2,
          placeholder: question.defaultAnswer,
          'data-topic': question.topic,
        }),
      ),
      read: () => document.getElementById(id).value,
    };
  });
  const form = el(
    'form',
    { id: 'pass-form', 'data-pass': state.pass.pass },
    inputs.map((input) => input.field),
    el('p', { class: 'muted' }, 'An empty answer takes the default shown in the field.'),
    el('button', { type: 'submit', id: 'submit-pass' }, 'Answer this pass'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(`/api/clarifications/${session.id}/answers`, 'POST', {
      pass: state.pass.pass,
      answers: inputs.map((input) => input.read()),
    }).then(render, showError);
  });
  mount(
    el('h1', {}, `Clarification pass ${state.pass.pass}`),
    el(
      'p',
      { id: 'pass-progress' },
      `${state.answered} of at least ${state.min_passes} passes answered; nothing is written before you approve.`,
    ),
    el(
      'p',
      { id: 'pass-source', class: 'muted', 'data-source': state.pass.source },
      state.pass.source === 'model'
        ? `Questions written by the Swarmlord's model ${state.pass.model ?? ''}.`
        : `Fixed questions${state.pass.note === undefined ? '' : `: ${state.pass.note}`}.`,
    ),
    form,
    el('p', { id: 'clarify-error', role: 'alert' }),
  );
  return undefined;
}

function renderApproval(state) {
  const approve = el('button', { type: 'button', id: 'approve' }, 'Approve and run');
  const reject = el('button', { type: 'button', id: 'reject' }, 'Another pass');
  approve.addEventListener('click', () =>
    send(`/api/clarifications/${session.id}/approval`, 'POST', { approved: true }).then(render, showError),
  );
  reject.addEventListener('click', () =>
    send(`/api/clarifications/${session.id}/approval`, 'POST', { approved: false }).then(render, showError),
  );
  mount(
    el('h1', {}, 'Approve the mission intent'),
    el('p', {}, `${state.answered} passes answered. The intent these answers make:`),
    el(
      'ul',
      { id: 'summary' },
      state.summary.map((line) => el('li', {}, line)),
    ),
    approve,
    ' ',
    reject,
    el('p', { id: 'clarify-error', role: 'alert' }),
  );
}

function renderStart() {
  const form = el(
    'form',
    { id: 'start-form' },
    el(
      'div',
      { class: 'question' },
      el('label', { for: 'objective' }, 'Objective'),
      el('textarea', { id: 'objective', required: true, rows: 2 }),
    ),
    el(
      'div',
      { class: 'question' },
      el('label', { for: 'workspace' }, 'Workspace (a directory, relative to where the server runs)'),
      el('input', { id: 'workspace', value: '.' }),
    ),
    el(
      'div',
      { class: 'question' },
      el('label', { for: 'lanes' }, 'Lanes'),
      el('input', { id: 'lanes', type: 'number', min: 1, max: 16, value: 2 }),
    ),
    el('button', { type: 'submit', id: 'start' }, 'Clarify'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send('/api/clarifications', 'POST', {
      objective: document.getElementById('objective').value,
      workspace: document.getElementById('workspace').value,
      lanes: Number(document.getElementById('lanes').value),
    }).then(render, showError);
  });
  mount(
    el('h1', {}, 'New mission'),
    el('p', {}, 'The Swarmlord asks its clarification passes here, then waits for your approval.'),
    form,
    el('p', { id: 'clarify-error', role: 'alert' }),
  );
}

renderStart();
