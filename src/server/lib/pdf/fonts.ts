import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';
import * as fontkit from 'fontkit';

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

let parsed: Record<keyof typeof FONT, fontkit.Font> | null = null;

/**
 * Registers both weights on a document. The files (about 8 MB each) are read and parsed once per
 * process: given bytes, pdfkit parses the font again for every document, which took four fifths
 * of a record PDF's time. pdfkit takes a parsed fontkit font as well as bytes (it embeds a subset
 * per document either way), though its type declarations admit only bytes.
 */
export function registerFonts(pdf: PDFKit.PDFDocument) {
  parsed ??= {
    regular: parse(fileOfWeight(400)),
    bold: parse(fileOfWeight(700)),
  };
  pdf.registerFont(FONT.regular, parsed.regular as unknown as Buffer);
  pdf.registerFont(FONT.bold, parsed.bold as unknown as Buffer);
}

function parse(file: string): fontkit.Font {
  const font = fontkit.create(fs.readFileSync(file));
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
  return font;
}
