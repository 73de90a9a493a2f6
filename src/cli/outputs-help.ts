/** Where a mission's files go, for `run --help`, `mission run --help` and the README. */
export const OUTPUTS_HELP = `
Outputs (under the working directory):
  hfo_mission_intent/<date>/mission_intent_<mission_id>.yml  the frozen intent (a revision: …_v<N>.yml)
  hfo_digests/<mission_id>/run-NNN/digest.md, digest.json     the digest of each run (earlier runs kept)
  hfo_digests/<mission_id>/run-NNN/bundle.json                the review bundle: swarmlord verify <file>
  hfo_blackboard/obsidian_synapse_blackboard.jsonl            receipts, hash-chained: swarmlord audit
  hfo_cache/model_calls/                                      recorded real-model calls, for --replay`;
