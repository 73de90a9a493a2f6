/** Resolves in this turn's check phase: one shared promise (and one `setImmediate`) per turn. */
let turn: Promise<void> | undefined;

/**
 * What waits here runs after everything the turn's timers and I/O callbacks started (decisions
 * 0043, 0058): lanes and judges that answered in the same turn all go on first, and the receipts
 * handed on behind this promise share one group commit.
 */
export function checkPhase(): Promise<void> {
  turn ??= new Promise<void>((resolve) => {
    setImmediate(() => {
      turn = undefined;
      resolve();
    });
  });
  return turn;
}
