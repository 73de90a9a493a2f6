import type { MissionDetails, MissionRecord, MissionStatus, Store } from '../store/index.js';
import { catchUpStore, openStore } from '../store/index.js';

/** The missions index as the dashboard reads it: caught up from the blackboard before every read. */
export interface MissionCatalog {
  list(status?: MissionStatus): Promise<MissionRecord[]>;
  get(id: string): Promise<MissionDetails | undefined>;
  close(): Promise<void>;
}

export interface MissionCatalogOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Relative to `cwd`. */
  blackboardPath: string;
  /** Tests: an in-memory store. */
  embedded?: 'memory';
}

/**
 * Opens the store on first use and keeps it open (an embedded PostgreSQL costs seconds to open).
 * Reads run one at a time: a catch-up rebuild and a read must not interleave on one connection.
 */
export function createMissionCatalog(options: MissionCatalogOptions): MissionCatalog {
  let store: Promise<Store> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const open = () => {
    store ??= openStore({
      cwd: options.cwd,
      env: options.env,
      ...(options.embedded === undefined ? {} : { embedded: options.embedded }),
    }).catch((error: unknown) => {
      // Not cached: a store that was busy (another process) may open on the next request.
      store = undefined;
      throw error;
    });
    return store;
  };
  const serial = <T>(work: (opened: Store) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      const opened = await open();
      await catchUpStore(opened.missions, { cwd: options.cwd, blackboardPath: options.blackboardPath });
      return work(opened);
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    list: (status) =>
      serial((opened) => opened.missions.listMissions(status === undefined ? {} : { status })),
    get: (id) => serial((opened) => opened.missions.getMission(id)),
    async close() {
      await queue;
      const opened = await store?.catch(() => undefined);
      await opened?.close();
    },
  };
}
