import type { BenchArgs } from './args.js';
import { writeMarkedSection } from './doc-section.js';
import type { Machine } from './machine.js';
import type { PdfBench } from './pdf.js';
import { ms } from './stats.js';

const MARKERS = { start: '<!-- bench:pdf:start -->', end: '<!-- bench:pdf:end -->' };

export interface PdfReport {
  args: BenchArgs;
  command: string;
  date: string;
  machine: Machine;
  bench: PdfBench;
}

export function renderPdfSection(r: PdfReport): string {
  const { pdf, bare } = r.bench;
  const m = r.machine;
  const row = (what: string, l: PdfBench['pdf']) =>
    `| ${what} | ${ms(l.latency.p50)} | ${ms(l.latency.p95)} | ${ms(l.latency.p99)} | ${Math.round(l.requestsPerSecond)} | ${l.responses} |`;
  return [
    MARKERS.start,
    '## Record PDF',
    '',
    `\`${r.command}\` on ${r.date.slice(0, 10)}: ${m.cpu} × ${m.cpuCount}, ${m.memoryGiB.toFixed(0)} GiB, ` +
      `${m.os}, Node ${m.node}, ${m.database}; 1-minute load average ${m.loadAverage.toFixed(2)}.`,
    '',
    `A submitted annual review with ${r.bench.attachments} attachments listed, as its manager reads it ` +
      `(${(r.bench.pdfBytes / 1024).toFixed(0)} KiB of PDF, Noto Sans SC embedded as a subset). Each ` +
      'request renders the PDF, stores its issue row and writes its audit entry in one transaction; ' +
      `one connection, ${r.args.duration} s measured after ${r.args.warmup} s of warm-up.`,
    '',
    '| Request | p50 ms | p95 ms | p99 ms | req/s | requests |',
    '|---|---:|---:|---:|---:|---:|',
    row('`GET /api/records/:id/pdf`', pdf),
    row('`GET /api/health` (bare route, same run)', bare),
    MARKERS.end,
  ].join('\n');
}

export function writePdfSection(file: string, section: string): void {
  writeMarkedSection(file, MARKERS, section);
}
