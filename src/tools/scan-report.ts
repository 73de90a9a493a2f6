/** Why a file or folder was not read. */
export type SkipReason =
  | 'hidden'
  | 'ignored-folder'
  | 'gitignored'
  | 'symlink'
  | 'binary'
  | 'generated'
  | 'empty'
  | 'too-large'
  | 'unreadable'
  | 'file-cap'
  | 'out-of-scope';

/** What a reader is told each reason means. */
export const SKIP_REASON_TEXT: Readonly<Record<SkipReason, string>> = {
  hidden: 'hidden (dot) entries',
  'ignored-folder': 'dependency, build and output folders',
  gitignored: 'matched by .gitignore',
  symlink: 'symlinks (not followed)',
  binary: 'binary files',
  generated: 'lock files, source maps, minified bundles',
  empty: 'empty files',
  'too-large': 'larger than the size limit',
  unreadable: 'unreadable',
  'file-cap': 'beyond the file cap',
  'out-of-scope': "outside the mission's scope (scope.include / scope.exclude)",
};

/** One reason with how many entries it covers and a few of their paths. */
export interface SkipCount {
  reason: SkipReason;
  /** Entries skipped (a skipped folder counts once, whatever it holds). */
  count: number;
  examples: string[];
}

/** The coverage of one scan: what was read and what was left out, and why. */
export interface ScanReport {
  filesScanned: number;
  skipped: SkipCount[];
  /** The most files a scan reads. */
  maxFiles: number;
  /** True when files were left out because of `maxFiles`. */
  capReached: boolean;
  /** `.gitignore` files whose rules were honoured. */
  gitignoreFiles: string[];
  /** True when the scan was stopped (Ctrl-C) before it saw the whole workspace. */
  interrupted?: boolean;
}

/** Counts skips during a scan and turns them into a {@link ScanReport}. */
export function createScanTally(maxFiles: number) {
  const counts = new Map<SkipReason, SkipCount>();
  const gitignoreFiles: string[] = [];
  let total = 0;
  return {
    skip(reason: SkipReason, path: string) {
      total += 1;
      const entry = counts.get(reason) ?? { reason, count: 0, examples: [] };
      entry.count += 1;
      if (entry.examples.length < 5) entry.examples.push(path);
      counts.set(reason, entry);
    },
    gitignoreRead(path: string) {
      gitignoreFiles.push(path);
    },
    skippedCount: () => total,
    report(filesScanned: number): ScanReport {
      return {
        filesScanned,
        skipped: [...counts.values()].sort((left, right) => right.count - left.count),
        maxFiles,
        capReached: counts.has('file-cap'),
        gitignoreFiles: [...gitignoreFiles],
      };
    },
  };
}

/** One line per reason, e.g. `12 binary files (logo.png, …)`, for digests and the terminal. */
export function describeScanReport(report: ScanReport): string[] {
  const lines = [
    `${report.filesScanned} files scanned${report.capReached ? ` (file cap of ${report.maxFiles} reached)` : ''}${report.interrupted === true ? ' (scan interrupted: the rest of the workspace was not seen)' : ''}; .gitignore honoured: ${report.gitignoreFiles.length > 0 ? report.gitignoreFiles.join(', ') : 'none found'}`,
  ];
  for (const skipped of report.skipped) {
    const more = skipped.count > skipped.examples.length ? ', …' : '';
    lines.push(
      `skipped ${skipped.count} — ${SKIP_REASON_TEXT[skipped.reason]}: ${skipped.examples.join(', ')}${more}`,
    );
  }
  return lines;
}
