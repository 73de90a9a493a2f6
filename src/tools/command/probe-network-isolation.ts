import { execFile } from 'node:child_process';

/** How commands are kept off the network on this machine, or why they are not. */
export interface NetworkIsolation {
  isolated: boolean;
  /** argv prefix that runs a command in its own empty network namespace (empty when not isolated). */
  prefix: string[];
  /** `network namespace (unshare -n)` or `not isolated: …`, recorded in every command receipt. */
  description: string;
}

function succeeds(file: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 5_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (error) =>
      resolve(error === null),
    );
  });
}

let cached: Promise<NetworkIsolation> | undefined;

/**
 * Finds out once per process whether `unshare -n` works here: as is (root, CAP_SYS_ADMIN), or
 * with `-r` (an unprivileged user namespace). Elsewhere (macOS, Windows, containers without
 * user namespaces) commands run with the host's network and receipts say so.
 */
export function probeNetworkIsolation(): Promise<NetworkIsolation> {
  cached ??= (async () => {
    if (process.platform !== 'linux') {
      return {
        isolated: false,
        prefix: [],
        description: `not isolated: no network namespaces on ${process.platform}`,
      };
    }
    for (const flags of [['-n'], ['-r', '-n']]) {
      if (await succeeds('unshare', [...flags, 'true'])) {
        return {
          isolated: true,
          prefix: ['unshare', ...flags, '--'],
          description: `network namespace (unshare ${flags.join(' ')})`,
        };
      }
    }
    return {
      isolated: false,
      prefix: [],
      description: 'not isolated: unshare -n is not available or not permitted here',
    };
  })();
  return cached;
}
