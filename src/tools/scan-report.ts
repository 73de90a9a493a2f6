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
  | 'byte-budget'
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
  'byte-budget': 'beyond the total byte budget',
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
  /** The most bytes of text a scan reads in total (memory stays bounded whatever the workspace holds). */
  maxTotalBytes?: number;
  /** Bytes of text read. */
  bytesRead?: number;
  /** True when files were left out because of `maxTotalBytes`. */
  byteBudgetReached?: boolean;
  /** `.gitignore` files whose rules were honoured. */
  gitignoreFiles: string[];
  /** True when the scan was stopped (Ctrl-C) before it saw the whole workspace. */
  interrupted?: boolean;
}

/** Counts skips during a scan and turns them into a {@link ScanReport}. */
export function createScanTally(maxFiles: number, maxTotalBytes?: number) {
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
    report(filesScanned: number, bytesRead?: number): ScanReport {
      return {
        filesScanned,
        skipped: [...counts.values()].sort((left, right) => right.count - left.count),
        maxFiles,
        capReached: counts.has('file-cap'),
        ...(maxTotalBytes === undefined ? {} : { maxTotalBytes }),
        ...(bytesRead === undefined ? {} : { bytesRead }),
        ...(maxTotalBytes === undefined ? {} : { byteBudgetReached: counts.has('byte-budget') }),
        gitignoreFiles: [...gitignoreFiles],
      };
    },
  };
}

/** One line per reason, e.g. `12 binary files (logo.png, …)`, for digests and the terminal. */
export function describeScanReport(report: ScanReport): string[] {
  const lines = [
    `${report.filesScanned} files scanned${report.capReached ? ` (file cap of ${report.maxFiles} reached)` : ''}${report.byteBudgetReached === true ? ` (total byte budget of ${formatMiB(report.maxTotalBytes ?? 0)} reached: ${formatMiB(report.bytesRead ?? 0)} read, the rest of the workspace was not read)` : ''}${report.interrupted === true ? ' (scan interrupted: the rest of the workspace was not seen)' : ''}; .gitignore honoured: ${report.gitignoreFiles.length > 0 ? report.gitignoreFiles.join(', ') : 'none found'}`,
  ];
  for (const skipped of report.skipped) {
    const more = skipped.count > skipped.examples.length ? ', …' : '';
    lines.push(
      `skipped ${skipped.count} — ${SKIP_REASON_TEXT[skipped.reason]}: ${skipped.examples.join(', ')}${more}`,
    );
  }
  return lines;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
