// Reading a PDF back as a person would, with poppler-utils (pdftotext, pdffonts, pdftoppm).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-pdf-'));
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order. */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
}

/** The fonts `pdffonts` lists: name, embedded, subset. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean; subset: boolean }[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
      const cols = line.trim().split(/\s+/);
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0]!, embedded: emb === 'yes', subset: sub === 'yes' };
    });
}

/** How many images the PDF draws (`pdfimages -list`; an image's transparency mask not counted). */
export function pdfImageCount(pdf: Buffer): number {
  const out = withFile(pdf, (file) =>
    execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }),
  );
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
}

/** Page 1 at 50 dpi: as PNG, and the share of its pixels that are not white (from a grey render). */
export function renderFirstPage(pdf: Buffer): { png: Buffer; inked: number } {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(dir, 'p'),
    ]);
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(dir, 'g'),
    ]);
    const png = fs.readFileSync(path.join(dir, 'p.png'));
    const pgm = fs.readFileSync(path.join(dir, 'g.pgm'));
    // P5 header: magic, width, height, max value, each followed by whitespace
    const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
    const pixels = pgm.subarray(header[0].length);
    let inked = 0;
    for (const p of pixels) if (p < 200) inked++;
    return { png, inked: inked / pixels.length };
  });
}

/** A small RGBA PNG with a dark stroke on a transparent ground, like a drawn signature. */
export function handwritingPng(seed: number): Buffer {
  const width = 160;
  const height = 60;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let x = 10; x < width - 10; x++) {
    const y = Math.round(30 + 18 * Math.sin((x + seed * 7) / 12));
    for (let dy = -1; dy <= 1; dy++) {
      const offset = (y + dy) * (width * 4 + 1) + 1 + x * 4;
      raw.writeUInt32BE(0x1a1a80ff, offset);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
