import type { AuditVerifyReport } from '../../../core/audit.js';

const SOURCES = { database: 'database', file: "this server's file", exported: 'exported copy' };

/** The verification report as the command line prints it. */
export function reportText(report: AuditVerifyReport): string {
  const last = report.lastCheckpoint;
  const lines = [
    `Audit log: ${report.entries} entries, head #${report.headSeq}.`,
    last
      ? `Signed checkpoints: ${report.checkpoints}; the last #${last.seq} at ${last.at}, ${report.entriesSinceCheckpoint} entries since.`
      : 'Signed checkpoints: none.',
  ];
  if (report.ok) return [...lines, 'OK: no problems found.'].join('\n');
  lines.push(`PROBLEMS: ${report.problemCount}`);
  for (const p of report.problems) {
    const where = p.source
      ? ` [${SOURCES[p.source]}${p.line === null ? '' : `, line ${p.line}`}]`
      : '';
    lines.push(`  ${p.seq === null ? '-' : `#${p.seq}`} ${p.kind}: ${p.detail}${where}`);
  }
  if (report.problemCount > report.problems.length)
    lines.push(`  … and ${report.problemCount - report.problems.length} more`);
  return lines.join('\n');
}
