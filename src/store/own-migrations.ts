/** One step of swarmlord's own schema: applied once, in order, recorded in `swarmlord_migrations`. */
export interface OwnMigration {
  /** 1, 2, …: a store records the versions it has; a newer swarmlord applies the rest on open. */
  version: number;
  name: string;
  sql: string;
}

/** The tables swarmlord owns; a database that has one of them without our record is refused. */
export const OWN_TABLES = ['missions', 'lane_attempts', 'verify_rounds', 'blackboard_pointer'] as const;

/**
 * swarmlord's own migrations, oldest first. Never edit a released one (stores record its checksum):
 * add the next version. Column meanings are in `mission-records.ts`.
 */
export const OWN_MIGRATIONS: readonly OwnMigration[] = [
  {
    version: 1,
    name: 'missions',
    sql: `
CREATE TABLE missions (
  id text PRIMARY KEY,
  objective text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'partial', 'failed')),
  verdict text CHECK (verdict IN ('PASS', 'CAUTION', 'FAIL')),
  hallucination_rate double precision,
  confidence double precision,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_input_tokens bigint NOT NULL DEFAULT 0,
  model_calls integer NOT NULL DEFAULT 0,
  cost_usd double precision NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  intent_path text,
  digest_path text,
  digest_json_path text,
  trace_id text,
  generation integer,
  error text,
  runs integer NOT NULL DEFAULT 1,
  blackboard_path text NOT NULL,
  first_seq bigint,
  last_seq bigint,
  last_hash text
);
CREATE INDEX missions_status_started ON missions (status, started_at);
CREATE TABLE lane_attempts (
  mission_id text NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  lane_id text NOT NULL,
  attempt integer NOT NULL,
  model text,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  error text,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cost_usd double precision NOT NULL DEFAULT 0,
  model_calls integer NOT NULL DEFAULT 0,
  PRIMARY KEY (mission_id, lane_id, attempt)
);
CREATE TABLE verify_rounds (
  mission_id text NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('PASS', 'CAUTION', 'FAIL')),
  hallucination_rate double precision NOT NULL,
  claims_total integer NOT NULL,
  claims_grounded integer NOT NULL,
  quorum_passed integer NOT NULL,
  quorum_threshold integer NOT NULL,
  quorum_held boolean NOT NULL,
  ended_at timestamptz NOT NULL,
  PRIMARY KEY (mission_id, attempt)
);
CREATE TABLE blackboard_pointer (
  blackboard_path text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL,
  updated_at timestamptz NOT NULL
);`,
  },
  {
    // Issue 11: the status says how the mission ended (verdict or partial), and a resume continues
    // a run instead of counting another. `interrupted` is never stored: it is decided when read.
    version: 2,
    name: 'mission_status',
    sql: `
ALTER TABLE missions DROP CONSTRAINT missions_status_check;
UPDATE missions SET status = CASE verdict WHEN 'PASS' THEN 'passed' WHEN 'CAUTION' THEN 'caution' ELSE 'failed' END
  WHERE status = 'completed';
ALTER TABLE missions ADD CONSTRAINT missions_status_check
  CHECK (status IN ('running', 'partial', 'failed', 'passed', 'caution'));
ALTER TABLE missions ADD COLUMN resumes integer NOT NULL DEFAULT 0;`,
  },
];
