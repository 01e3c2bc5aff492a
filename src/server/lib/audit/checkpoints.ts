import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Signed checkpoints (sequence, head hash) kept outside the database: someone who can write the
 * database can recompute the whole chain, but cannot forge a checkpoint without this key.
 */
export interface CheckpointStore {
  file: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  sig: string;
}

const message = (c: Omit<Checkpoint, 'sig'>) =>
  Buffer.from(`miantan-audit-checkpoint|${c.seq}|${c.hash}|${c.at}`, 'utf8');

export function openCheckpointStore(dir: string, signingKeyPem: string | null): CheckpointStore {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let pem = signingKeyPem;
  if (!pem) {
    const keyFile = path.join(dir, 'audit-signing.pem');
    if (!fs.existsSync(keyFile)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
      });
    }
    pem = fs.readFileSync(keyFile, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  return {
    file: path.join(dir, 'audit-checkpoints.jsonl'),
    privateKey,
    publicKey: createPublicKey(privateKey),
  };
}

export function readCheckpoints(store: CheckpointStore): Checkpoint[] {
  if (!fs.existsSync(store.file)) return [];
  return fs
    .readFileSync(store.file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Checkpoint);
}

export function checkpointSignatureValid(store: CheckpointStore, c: Checkpoint): boolean {
  return verify(null, message(c), store.publicKey, Buffer.from(c.sig, 'base64'));
}

/** Appends a checkpoint for the given head unless the last one already covers it. */
export function writeCheckpoint(
  store: CheckpointStore,
  head: { seq: number; hash: string },
): boolean {
  if (head.seq === 0) return false;
  const last = readCheckpoints(store).at(-1);
  if (last && last.seq >= head.seq) return false;
  const body = { seq: head.seq, hash: head.hash, at: new Date().toISOString() };
  const sig = sign(null, message(body), store.privateKey).toString('base64');
  const fd = fs.openSync(store.file, 'a', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ ...body, sig }) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}
