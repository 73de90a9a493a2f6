/** Missions a peak-RSS child runs: the figure the target is checked on is the peak after all of them. */
export const RSS_MISSIONS = 10;
/** The peak after this many is printed beside it (the figure earlier sessions reported). */
export const EARLY_MISSIONS = 3;
