import { describe, expect, it } from 'vitest';
import { assessObjective } from './assess-objective.js';
import { createWorkspaceVocabulary } from './workspace-vocabulary.js';

const files = [
  { path: 'src/orders/order-service.ts', text: 'export function placeOrder() { return chargeCard(); }\n' },
  { path: 'src/payments/charge-card.ts', text: 'export function chargeCard() {}\n' },
];

describe('assessObjective', () => {
  it('matches subject words against the workspace and expands them to its names', () => {
    const vocabulary = createWorkspaceVocabulary(files, []);
    const assessment = assessObjective('How are orders placed and paid?', vocabulary);
    expect(assessment.relevant).toBe(true);
    expect(assessment.matchedTerms).toContain('orders');
    expect(assessment.expansions.join(' ')).toMatch(/order/);
  });

  it('assesses an objective once per vocabulary: later lanes get the same frozen answer', () => {
    const vocabulary = createWorkspaceVocabulary(files, []);
    const first = assessObjective('How are orders placed?', vocabulary);
    expect(assessObjective('How are orders placed?', vocabulary)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.expansions)).toBe(true);
  });

  it('answers per vocabulary and per objective, never from another one', () => {
    const withOrders = createWorkspaceVocabulary(files, []);
    const without = createWorkspaceVocabulary(
      [{ path: 'src/cart.ts', text: 'export const cart = 1;\n' }],
      [],
    );
    expect(assessObjective('How are orders placed?', withOrders).relevant).toBe(true);
    expect(assessObjective('How are orders placed?', without).relevant).toBe(false);
    expect(assessObjective('How is the cart built?', withOrders).matchedTerms).not.toContain('orders');
  });
});
