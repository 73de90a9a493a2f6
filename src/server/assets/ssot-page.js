import { api, el, mount } from './dom.js';
import { diagramFigure } from './mission-report.js';

async function main() {
  let result;
  try {
    result = await api('/api/ssot/diagrams');
  } catch (error) {
    mount(el('h1', {}, 'SSOT diagrams'), el('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }
  mount(
    el('h1', {}, 'SSOT diagrams'),
    el('p', { class: 'muted' }, `From ${result.files.join(', ')}`),
    el(
      'div',
      { id: 'ssot-diagrams' },
      result.diagrams.map((diagram, index) => diagramFigure(diagram, index)),
    ),
  );
}

void main();
