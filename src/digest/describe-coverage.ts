import type { DigestNote } from '../contracts/digest.js';
import type { ScanReport } from '../tools/scan-report.js';
import { describeScanReport } from '../tools/scan-report.js';

/** What the analysis could parse, for the coverage notes. */
export interface ParseCoverage {
  parsedFiles: number;
  unparsedFiles: readonly string[];
}

/**
 * Coverage as digest notes: files scanned, each skip reason with examples, `.gitignore` files
 * honoured, the file cap, and how many source files were parsed for structural facts. A reader
 * learns what the swarm did not see before trusting what it says.
 */
export function describeCoverage(report: ScanReport, parse?: ParseCoverage): DigestNote[] {
  const lines = describeScanReport(report).map((line) => `Coverage: ${line}`);
  if (parse !== undefined) {
    const failed = parse.unparsedFiles.length;
    const examples =
      failed > 0 ? ` (${parse.unparsedFiles.slice(0, 3).join(', ')}${failed > 3 ? ', …' : ''})` : '';
    lines.push(
      `Coverage: ${parse.parsedFiles} JavaScript/TypeScript files parsed for structural facts; ${failed} could not be parsed and were searched as text${examples}`,
    );
  }
  return lines.map((text) => ({ text, evidence_refs: [] }));
}
