import { fileTypeFromBuffer } from 'file-type';
import { Transform, type TransformCallback } from 'node:stream';
import {
  EXTENSIONS_OF_CONTENT,
  type AttachmentExtension,
} from '../../../core/records/attachments.js';
import { AppError } from '../../../core/errors.js';

/** Enough of the start of a file for `file-type` to tell an Office document from any zip. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * A Transform that holds the first bytes of an upload until the content's type is known, then
 * lets everything through if the type is one the name's extension allows, or fails with
 * ATTACHMENT_TYPE_MISMATCH before the rest is read. Once it passed, the file is served as the
 * extension's media type (the content alone does not tell legacy Word, Excel and PowerPoint apart).
 */
export function checkContentType(extension: AttachmentExtension): Transform {
  let sample: Buffer[] = [];
  let sampleBytes = 0;
  let decided = false;

  const decide = async (stream: Transform) => {
    const head = Buffer.concat(sample);
    const found = await fileTypeFromBuffer(head);
    const allowed = found ? (EXTENSIONS_OF_CONTENT[found.ext] ?? []) : [];
    if (!allowed.includes(extension))
      throw new AppError('ATTACHMENT_TYPE_MISMATCH', {
        extension,
        detected: found?.mime ?? null,
      });
    decided = true;
    stream.push(head);
    sample = [];
  };

  return new Transform({
    transform(data: Buffer, _encoding, callback: TransformCallback) {
      if (decided) return callback(null, data);
      sample.push(data);
      sampleBytes += data.length;
      if (sampleBytes < SAMPLE_BYTES) return callback();
      decide(this).then(() => callback(), callback);
    },
    flush(callback: TransformCallback) {
      if (decided) return callback();
      decide(this).then(() => callback(), callback);
    },
  });
}
