import fs from 'node:fs';

/** Makes a rename or a new file in `dir` durable: the directory entry itself is flushed. */
export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
