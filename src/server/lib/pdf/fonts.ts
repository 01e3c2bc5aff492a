import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';

/**
 * Noto Sans SC (OFL) from `@embedpdf/fonts-sc`: every text run of a PDF, Latin included, is set
 * in it, so that a Chinese name never falls to a font without its glyphs. pdfkit embeds only the
 * glyphs used (a CFF subset), so a PDF carries tens of kilobytes of font, not 8 MB.
 */
export const FONT = { regular: 'cjk', bold: 'cjk-bold' } as const;

const fontsDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
);

function fileOfWeight(weight: number): string {
  const font = fonts.find((f) => f.weight === weight);
  if (!font) throw new Error(`@embedpdf/fonts-sc has no weight ${weight}`);
  return path.join(fontsDir, font.file);
}

let loaded: { regular: Buffer; bold: Buffer } | null = null;

/** The font files, read once per process (each is about 8 MB). */
export function fontFiles(): { regular: Buffer; bold: Buffer } {
  loaded ??= {
    regular: fs.readFileSync(fileOfWeight(400)),
    bold: fs.readFileSync(fileOfWeight(700)),
  };
  return loaded;
}
