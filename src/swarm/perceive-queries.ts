import { assessObjective } from '../analysis/index.js';
import type { MissionIntent } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';
import { personaFor } from '../roles/index.js';
import type { LaneContext } from './lane-context.js';

/** Names and words per query slice: enough to steer BM25, few enough that each slice stays distinct. */
const SLICE = 6;

/** The `cycle`-th slice of `items`, wrapping around so later lanes still get words when the list is short. */
function sliceFor<T>(items: readonly T[], cycle: number): T[] {
  if (items.length <= SLICE) return cycle === 0 ? [...items] : [];
  const start = (cycle * SLICE) % items.length;
  return [...items.slice(start, start + SLICE), ...items.slice(0, Math.max(0, start + SLICE - items.length))];
}

/** The persona name of each of a mission's lanes, in order, computed once per lane list. */
interface LaneRoster {
  lanes: MissionIntent['lanes'];
  ids: string[];
  personas: string[];
}

const rosters = new WeakMap<MissionIntent['lanes'] & object, LaneRoster>();

function rosterOf(intent: Pick<MissionIntent, 'lanes'>): LaneRoster {
  const build = (): LaneRoster => {
    const lanes = resolveLanes(intent);
    return {
      lanes: intent.lanes,
      ids: lanes.map((lane) => lane.id),
      personas: lanes.map((lane, index) => personaFor(lane.persona, index).name),
    };
  };
  if (typeof intent.lanes === 'number') return build();
  const known = rosters.get(intent.lanes);
  // Checked against the list as it is now, so a list changed in place is never answered from before.
  if (known !== undefined && sameLanes(known, intent.lanes)) return known;
  const roster = build();
  rosters.set(intent.lanes, roster);
  return roster;
}

function sameLanes(roster: LaneRoster, lanes: Exclude<MissionIntent['lanes'], number>): boolean {
  if (lanes.length !== roster.ids.length) return false;
  return lanes.every(
    (lane, index) =>
      (lane.id ?? `lane-${index + 1}`) === roster.ids[index] &&
      personaFor(lane.persona, index).name === roster.personas[index],
  );
}

/** Numbered lanes (`lanes: 64`): the ids and personas follow from the count, kept per count. */
const numbered = new Map<number, LaneRoster>();

function rosterFor(intent: Pick<MissionIntent, 'lanes'>): LaneRoster {
  if (typeof intent.lanes !== 'number') return rosterOf(intent);
  let roster = numbered.get(intent.lanes);
  if (roster === undefined) {
    roster = rosterOf(intent);
    if (numbered.size >= 16) numbered.clear();
    numbered.set(intent.lanes, roster);
  }
  return roster;
}

/**
 * The lane's position in the mission and how many earlier lanes share its persona. Lane 7 of a
 * 16-lane mission with six personas is the second `architecture` lane (cycle 1): it takes the
 * seventh slice of the objective's expansions and the second of its persona's vocabulary, so it
 * does not copy lane 1.
 */
function lanePlace(context: Pick<LaneContext, 'intent' | 'persona' | 'lane'>): {
  position: number;
  cycle: number;
} {
  const { ids, personas } = rosterFor(context.intent);
  const position = Math.max(0, ids.indexOf(context.lane.id));
  let cycle = 0;
  for (let index = 0; index < position; index += 1) {
    if (personas[index] === context.persona.name) cycle += 1;
  }
  return { position, cycle };
}

/**
 * The search queries a lane's Observers run before the model sees anything: they decide which
 * workspace excerpts reach the lane first (a model with tools may search further on its own).
 *
 * The objective steers: its subject words (identifier-aware) and the workspace names they expand
 * to (symbols, files, folders from `index.analysis.vocabulary`), then the persona's angle on that
 * subject. An objective whose subject the workspace does not know gets only its own words, so the
 * lane finds nothing to report rather than whatever its persona's vocabulary matches.
 */
export function buildPerceiveQueries(
  context: Pick<LaneContext, 'intent' | 'persona' | 'lane' | 'index'>,
): string[] {
  const { objective } = context.intent;
  const assessment = assessObjective(objective, context.index.analysis.vocabulary);
  if (!assessment.relevant) return [objective];
  const { position, cycle } = lanePlace(context);
  const subject = assessment.matchedTerms;
  // Expansions are dealt out across all lanes, the persona's vocabulary across lanes sharing it.
  const expansions = sliceFor(assessment.expansions, position);
  const angle = sliceFor(context.persona.keywords, cycle);
  const queries: string[] = [];
  if (position === 0) queries.push(objective);
  if (subject.length > 0) {
    queries.push([...subject, ...expansions].join(' '));
    queries.push([...subject.slice(0, 3), ...angle].join(' '));
  } else {
    // An angle-only objective ("map the architecture"): the persona's words and the workspace names they reach.
    const names = angle.flatMap((word) => context.index.analysis.vocabulary.expand(word, 2));
    queries.push([context.persona.name, ...angle].join(' '));
    if (names.length > 0) queries.push(names.slice(0, 10).join(' '));
  }
  return [...new Set(queries.filter((query) => query.trim() !== ''))];
}
