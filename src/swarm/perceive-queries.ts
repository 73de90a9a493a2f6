import type { LaneContext } from './lane-context.js';

/**
 * The search queries a lane's Observers run before the model sees anything: they decide which
 * workspace excerpts reach the lane first (a model with tools may search further on its own).
 */
export function buildPerceiveQueries(context: Pick<LaneContext, 'intent' | 'persona'>): string[] {
  return [context.intent.objective, [context.persona.name, ...context.persona.keywords].join(' ')];
}
