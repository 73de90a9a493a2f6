import type { Claim, MissionIntent } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';
import { personaFor } from '../roles/index.js';

/** Who a lane is, for independence: lanes with the same model and persona are one voice. */
export interface LaneProfile {
  id: string;
  /** `<provider>:<model>` or `offline`; absent: the mission's default model. */
  model?: string | undefined;
  persona?: string | undefined;
}

/** The lanes' profiles as the intent declares them (personas default by position, as the lanes get them). */
export function laneProfilesFromIntent(intent: Pick<MissionIntent, 'lanes'>): LaneProfile[] {
  return resolveLanes(intent).map((lane, index) => ({
    id: lane.id,
    model: lane.model,
    persona: personaFor(lane.persona, index).name,
  }));
}

/**
 * How many independent voices assert a claim: the asserting lanes whose claim reached the evidence
 * on its own (every citation pinned to the lane's own tool output), counted once per distinct
 * (model, persona). The offline engine is one voice whatever the persona: its lanes parse the same
 * source with the same rules, so their agreement corroborates nothing.
 */
export function countIndependentLanes(
  asserting: readonly Claim[],
  profiles: ReadonlyMap<string, LaneProfile>,
): number {
  const voices = new Set<string>();
  for (const claim of asserting) {
    if ((claim.unpinned_citations ?? []).length > 0) continue;
    const profile = profiles.get(claim.lane_id);
    voices.add(
      profile === undefined
        ? `lane:${claim.lane_id}`
        : isOffline(profile.model)
          ? 'offline'
          : `${profile.model ?? 'default'}\u0000${profile.persona ?? ''}`,
    );
  }
  return voices.size;
}

/** The built-in deterministic engine, by its spec (`offline`) or its label (`offline:<model id>`). */
function isOffline(model: string | undefined): boolean {
  return model === 'offline' || model?.startsWith('offline:') === true;
}
