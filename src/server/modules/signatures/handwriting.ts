import { inflateSync } from 'node:zlib';
import { AppError } from '../../../core/errors.js';
import { PNG_DATA_URL_PREFIX, SIGNATURE_LIMITS } from '../../../core/signatures/api.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// bytes per pixel's channels by PNG colour type: grey, RGB, palette, grey+alpha, RGBA
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const invalid = (reason: string) => new AppError('HANDWRITING_INVALID', { reason });

/**
 * The handwritten signature as a checked PNG: the magic bytes, a size within the limit, a
 * well-formed header and image data, and ink on it. signature_pad draws on a transparent canvas,
 * so an untouched one is all zero bytes; the filters PNG applies to each row keep zero rows zero,
 * so "any image byte that is not a row's filter type is non-zero" tells a drawing from a blank.
 */
export function readHandwriting(dataUrl: string): Buffer {
  const png = Buffer.from(dataUrl.slice(PNG_DATA_URL_PREFIX.length), 'base64');
  if (png.length > SIGNATURE_LIMITS.handwritingBytes) throw invalid('too_large');
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC)) throw invalid('not_png');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw invalid('not_png');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24]!;
  const channels = CHANNELS[png[25]!];
  const interlaced = png[28] !== 0;
  const side = SIGNATURE_LIMITS.handwritingSide;
  if (!channels || interlaced || width === 0 || height === 0 || width > side || height > side)
    throw invalid('unsupported');
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const rowBytes = 1 + Math.ceil((width * channels * bitDepth) / 8);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: rowBytes * height });
  } catch {
    throw invalid('not_png');
  }
  if (pixels.length !== rowBytes * height) throw invalid('not_png');
  for (let i = 0; i < pixels.length; i++) if (i % rowBytes !== 0 && pixels[i] !== 0) return png;
  throw invalid('empty');
}
