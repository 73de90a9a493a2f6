import type { RunEventListener } from '../contracts/index.js';

export interface OpenMissionIndexOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The mission's blackboard, relative to `cwd`. */
  blackboardPath: string;
  /** `seq` and `hash` of the blackboard's last receipt (see `StoreListenerOptions.position`). */
  position: () => { seq: number; hash: string };
  /** Prints one line to the person running the mission. */
  warn: (line: string) => void;
}

/** The store as a mission uses it: a run-event listener, and closing it when the mission is over. */
export interface MissionIndex {
  listener: RunEventListener;
  close(): Promise<void>;
}

/**
 * Opens the store for a mission when it is a PostgreSQL server (decision 0013): failing to open throws before the mission starts
 * (one clear line, no receipt written, nothing lost); once running, a failed write is said once and
 * the mission goes on, since the blackboard keeps every receipt and `db rebuild` catches the index up.
 */
export async function openMissionIndex(options: OpenMissionIndexOptions): Promise<MissionIndex> {
  // Opt-out for throwaway runs (the index can be rebuilt from the blackboard later). The embedded
  // store (no DATABASE_URL) is not opened by missions at all: opening an embedded PostgreSQL costs
  // seconds, more than a whole offline mission, so `mission ls`/`show` catch it up from the
  // blackboard when they read it (`catchUpStore`).
  const embedded = (options.env.DATABASE_URL ?? '').trim() === '';
  if (options.env.SWARMLORD_STORE === 'off' || embedded)
    return { listener: () => undefined, close: async () => undefined };
  // Loaded here: an offline mission without DATABASE_URL never loads the store, its SQL or the driver.
  const [{ openStore }, { createStoreListener }] = await Promise.all([
    import('./open-store.js'),
    import('./create-store-listener.js'),
  ]);
  const store = await openStore({ cwd: options.cwd, env: options.env });
  let warned = false;
  const listener = createStoreListener(store.missions, {
    cwd: options.cwd,
    blackboardPath: options.blackboardPath,
    position: options.position,
    env: options.env,
    onError: (error) => {
      if (warned) return;
      warned = true;
      const message = error instanceof Error ? error.message : String(error);
      options.warn(
        `the missions index (${store.location}) was not updated: ${message}; the blackboard has every receipt, run 'swarmlord db rebuild'`,
      );
    },
  });
  return {
    listener,
    close: () =>
      store.close().catch((error: unknown) => {
        options.warn(
          `closing the missions index failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }),
  };
}
