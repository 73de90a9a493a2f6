/**
 * The lanes' tools, or none when the run was stopped while they were made (Ctrl-C during the
 * CLI's git probe rejects it with the abort reason): the lanes then stop at once and the run ends
 * with its partial digest, as any other interrupt does. Any other failure fails the run.
 */
export async function toolsUnlessStopped<T>(
  making: Promise<readonly T[]>,
  signal: AbortSignal | undefined,
): Promise<readonly T[]> {
  try {
    return await making;
  } catch (error) {
    if (signal?.aborted === true && error === signal.reason) return [];
    throw error;
  }
}
