import type { BenchArgs } from './args.js';
import type { BackupBench } from './backup.js';
import { writeMarkedSection } from './doc-section.js';
import type { Machine } from './machine.js';

const MARKERS = { start: '<!-- bench:backup:start -->', end: '<!-- bench:backup:end -->' };

export interface BackupReport {
  args: BenchArgs;
  command: string;
  date: string;
  machine: Machine;
  employeeCount: number;
  records: number;
  bench: BackupBench;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);
const rate = (bytes: number, ms: number) => (bytes / 1024 ** 2 / (ms / 1000)).toFixed(0);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function renderBackupSection(r: BackupReport): string {
  const b = r.bench;
  const m = r.machine;
  return [
    MARKERS.start,
    '## Backup and verification',
    '',
    `\`${r.command}\` on ${r.date.slice(0, 10)}: ${m.cpu} × ${m.cpuCount}, ${m.memoryGiB.toFixed(0)} GiB, ` +
      `${m.os}, Node ${m.node}, ${m.database}; 1-minute load average ${m.loadAverage.toFixed(2)}.`,
    '',
    `Database: ${int(r.employeeCount)} employees, ${int(r.records)} interview records, ` +
      `${int(b.rows)} rows in all, ${mib(b.databaseBytes)} MiB.`,
    '',
    '| Step | seconds | MiB written | MiB/s of database |',
    '|---|---:|---:|---:|',
    `| ${b.plain.what} | ${seconds(b.plain.ms)} | ${mib(b.plain.bytes)} | ${rate(b.databaseBytes, b.plain.ms)} |`,
    `| \`miantan backup\`: one snapshot, dump, sealed (AES-256-GCM, 1 MiB chunks) | ${seconds(b.backup.ms)} | ` +
      `${mib(b.backup.bytes)} | ${rate(b.databaseBytes, b.backup.ms)} |`,
    `| \`miantan backup --verify\`: file hash, restore into a scratch database, checks | ${seconds(b.verify.ms)} | — | ` +
      `${rate(b.databaseBytes, b.verify.ms)} |`,
    '',
    `The backup's dump is ${mib(b.backup.dumpBytes)} MiB before sealing. Verification restores it, ` +
      `runs \`integrity_check\` and \`foreign_key_check\` (SQLite), compares the row count of every ` +
      `table with the manifest, recomputes the audit chain (${int(b.verify.auditEntries)} entries) and ` +
      `decrypts ${int(b.verify.decrypted)} sampled values. The plain copy runs first, so both read a ` +
      'database the page cache already holds.',
    MARKERS.end,
  ].join('\n');
}

export function writeBackupSection(file: string, section: string): void {
  writeMarkedSection(file, MARKERS, section);
}
