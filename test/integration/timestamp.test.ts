import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { loadEd25519Key } from '../../src/server/lib/crypto/ed25519-key.js';
import { loadSealKeys, rotateSealKey } from '../../src/server/lib/seal/keys.js';
import {
  openPlatformSeal,
  sealAndTimestamp,
  verifyTimestampedSeal,
} from '../../src/server/lib/seal/platform.js';
import { sealPayload, verifySeal } from '../../src/server/lib/seal/seal.js';
import { parseTrustAnchors, type TrustAnchors } from '../../src/server/lib/timestamp/anchors.js';
import { requestTimestamp, type TimestampSettings } from '../../src/server/lib/timestamp/client.js';
import { TimestampError } from '../../src/server/lib/timestamp/errors.js';
import { verifyTimestampToken } from '../../src/server/lib/timestamp/token.js';
import { protectionWarnings, warningText } from '../../src/server/modules/audit/warnings.js';
import {
  createTestPki,
  removeTestPki,
  startTestTsa,
  type TestPki,
  type TestTsa,
  type TsaBehaviour,
} from './tsa.js';

const run = promisify(execFile);
const sha256 = (text: string) => createHash('sha256').update(text).digest();
/** a loopback port nothing listens on: the connection is refused at once */
const DEAD_URL = 'http://127.0.0.1:1/tsa';

const temps: string[] = [];
function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `miantan-${name}-`));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The promise's TimestampError (the test fails when it resolves or throws something else). */
async function refusal(promise: Promise<unknown>): Promise<TimestampError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(TimestampError);
  return error as TimestampError;
}

describe('RFC 3161 timestamps from a loopback authority', () => {
  let pki: TestPki;
  let anchors: TrustAnchors;
  const servers: TestTsa[] = [];
  const start = async (behaviour: TsaBehaviour, slowMs?: number) => {
    const tsa = await startTestTsa(pki, behaviour, slowMs);
    servers.push(tsa);
    return tsa;
  };
  const settings = (urls: string[], timeoutMs = 5000): TimestampSettings => ({
    urls,
    trustAnchors: anchors,
    timeoutMs,
  });
  let good: TestTsa;
  /** a token the good authority gave for `stamped`, DER */
  const stamped = sha256('a sealed record');
  let token: Buffer;

  beforeAll(async () => {
    pki = await createTestPki();
    anchors = parseTrustAnchors(pki.caPem);
    good = await start('normal');
    const result = await requestTimestamp(settings([good.url]), stamped);
    if (!result.stamped) throw new Error('no token from the test authority');
    token = Buffer.from(result.token, 'base64');
  });
  afterAll(async () => {
    for (const tsa of servers) await tsa.close();
    removeTestPki(pki);
  });

  it('gives a token that verifies, online and later offline, and that openssl accepts too', async () => {
    const hash = sha256('another record');
    const before = Date.now();
    const result = await requestTimestamp(settings([good.url]), hash);
    expect(result).toMatchObject({
      stamped: true,
      authority: good.url,
      tsaName: 'CN=Miantan test tsa, O=Miantan',
    });
    if (!result.stamped) return;
    // openssl writes whole seconds
    expect(Date.parse(result.genTime)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(result.genTime)).toBeLessThanOrEqual(Date.now());
    const der = Buffer.from(result.token, 'base64');
    expect(await verifyTimestampToken(der, hash, anchors)).toMatchObject({
      genTime: result.genTime,
      tsaName: result.tsaName,
      policy: '1.2.3.4.1',
    });
    const file = path.join(pki.dir, 'token.der');
    fs.writeFileSync(file, der);
    const { stderr } = await run('openssl', [
      'ts',
      '-verify',
      '-token_in',
      '-in',
      file,
      '-digest',
      hash.toString('hex'),
      '-CAfile',
      pki.caFile,
    ]);
    expect(stderr).not.toMatch(/error/i);
  });

  it('asks nothing and says so when no authority is configured', async () => {
    expect(await requestTimestamp(settings([]), stamped)).toEqual({
      stamped: false,
      reason: 'not_configured',
    });
  });

  it('fails over in the configured order: a dead, a failing and a slow authority are passed by', async () => {
    const failing = await start('error500');
    const slow = await start('slow', 4000);
    const began = Date.now();
    const result = await requestTimestamp(
      settings([DEAD_URL, failing.url, slow.url, good.url], 1000),
      stamped,
    );
    expect(result).toMatchObject({ stamped: true, authority: good.url });
    // the slow one was given up after its timeout, not waited for
    expect(Date.now() - began).toBeLessThan(4000);
    expect([failing.hits, slow.hits]).toEqual([1, 1]);
  });

  it('stops at the first authority that answers', async () => {
    const second = await start('normal');
    const result = await requestTimestamp(settings([good.url, second.url]), stamped);
    expect(result).toMatchObject({ stamped: true, authority: good.url });
    expect(second.hits).toBe(0);
  });

  it('names every attempt when no authority gives a token', async () => {
    const failing = await start('error500');
    const slow = await start('slow', 3000);
    const error = await refusal(
      requestTimestamp(settings([DEAD_URL, failing.url, slow.url], 500), stamped),
    );
    expect(error.code).toBe('unreachable');
    expect(error.attempts.map((a) => [a.authority, a.code])).toEqual([
      [DEAD_URL, 'unreachable'],
      [failing.url, 'unreachable'],
      [slow.url, 'unreachable'],
    ]);
    expect(error.attempts[1]!.message).toBe('HTTP 500');
    expect(error.attempts[2]!.message).toBe('no answer within 500 ms');
  });

  it('refuses a rejection status', async () => {
    const rejecting = await start('reject');
    const error = await refusal(requestTimestamp(settings([rejecting.url]), stamped));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/status 2/);
  });

  it('refuses a token signed by an authority whose CA is not trusted, and fails over past it', async () => {
    const foreign = await start('foreignCa');
    const error = await refusal(requestTimestamp(settings([foreign.url]), stamped));
    expect(error.code).toBe('untrusted_signer');
    expect(await requestTimestamp(settings([foreign.url, good.url]), stamped)).toMatchObject({
      stamped: true,
      authority: good.url,
    });
    // offline: a good token checked against another CA's root
    const otherRoots = parseTrustAnchors(
      fs.readFileSync(path.join(pki.dir, 'foreign-ca.crt'), 'utf8'),
    );
    expect((await refusal(verifyTimestampToken(token, stamped, otherRoots))).code).toBe(
      'untrusted_signer',
    );
  });

  it('refuses a token for another hash, online and offline', async () => {
    const lying = await start('wrongImprint');
    const error = await refusal(requestTimestamp(settings([lying.url]), stamped));
    expect(error.code).toBe('imprint_mismatch');
    expect((await refusal(verifyTimestampToken(token, sha256('other'), anchors))).code).toBe(
      'imprint_mismatch',
    );
  });

  it('refuses a token with one byte changed', async () => {
    expect(await verifyTimestampToken(token, stamped, anchors)).toBeTruthy();
    // the time it states: the TSTInfo no longer matches the digest that was signed
    const genTime = token.indexOf(Buffer.from(new Date().getUTCFullYear().toString()));
    expect(genTime).toBeGreaterThan(0);
    const laterYear = Buffer.from(token);
    laterYear[genTime + 3] = laterYear[genTime + 3]! + 1;
    expect((await refusal(verifyTimestampToken(laterYear, stamped, anchors))).code).toBe(
      'bad_signature',
    );
    // the signature itself (the last bytes of the token)
    const badSignature = Buffer.from(token);
    badSignature[badSignature.length - 5]! ^= 0x01;
    expect((await refusal(verifyTimestampToken(badSignature, stamped, anchors))).code).toBe(
      'bad_signature',
    );
    // and wherever else one byte changes, the token does not verify: strict DER, and no part
    // of it (versions, algorithm parameters, carried certificates) left unchecked
    for (let i = 0; i < token.length; i += 7) {
      const changed = Buffer.from(token);
      changed[i]! ^= i % 2 ? 0x04 : 0x80;
      const outcome = await verifyTimestampToken(changed, stamped, anchors).then(
        () => 'verified',
        (err: unknown) => (err instanceof TimestampError ? 'refused' : String(err)),
      );
      expect(outcome, `byte ${i}`).toBe('refused');
    }
  });

  it('seals and timestamps through the configured settings, and verifies both offline', async () => {
    const dataDir = tempDir('data');
    const platform = openPlatformSeal(
      loadConfig({
        MIANTAN_DATA_DIR: dataDir,
        MIANTAN_TSA_URL: `${DEAD_URL}, ${good.url}`,
        MIANTAN_TSA_CA_FILE: pki.caFile,
      }),
    );
    const payload = Buffer.from('{"record":"r1","hash":"…"}');
    const sealed = await sealAndTimestamp(platform, payload);
    expect(sealed.timestamp).toMatchObject({ stamped: true, authority: good.url });
    const stored = sealed.timestamp.stamped ? sealed.timestamp.token : null;
    const checked = await verifyTimestampedSeal(
      platform.keys.publicKeys,
      platform.timestamps.trustAnchors,
      payload,
      sealed.seal,
      stored,
    );
    expect(checked.seal).toEqual({ valid: true, keyId: platform.keys.keyId });
    expect(checked.timestamp?.tsaName).toBe('CN=Miantan test tsa, O=Miantan');
    // the token stamps this seal: with another seal of the same key it does not verify
    const otherSeal = sealPayload(platform.keys, Buffer.from('another payload'));
    const error = await refusal(
      verifyTimestampedSeal(
        platform.keys.publicKeys,
        platform.timestamps.trustAnchors,
        payload,
        otherSeal,
        stored,
      ),
    );
    expect(error.code).toBe('imprint_mismatch');
  });

  it('refuses to start with an authority but no trust anchors', () => {
    const config = loadConfig({
      MIANTAN_DATA_DIR: tempDir('data'),
      MIANTAN_TSA_URL: good.url,
    });
    expect(() => openPlatformSeal(config)).toThrow(/MIANTAN_TSA_CA_FILE/);
    expect(() => loadConfig({ MIANTAN_TSA_URL: 'ftp://tsa.example' })).toThrow(/http/);
  });
});

describe('the platform seal', () => {
  it('verifies, and fails once one byte of the payload or of the signature changes', () => {
    const keys = loadSealKeys(path.join(tempDir('seal'), 'seal.key'));
    const payload = Buffer.from('miantan-record-seal|r1|2f1c…');
    const seal = sealPayload(keys, payload);
    expect(seal.keyId).toBe(keys.keyId);
    expect(verifySeal(keys.publicKeys, payload, seal)).toEqual({ valid: true, keyId: keys.keyId });

    const changedPayload = Buffer.from(payload);
    changedPayload[10]! ^= 0x01;
    expect(verifySeal(keys.publicKeys, changedPayload, seal)).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    const signature = Buffer.from(seal.signature, 'base64');
    signature[0]! ^= 0x01;
    expect(
      verifySeal(keys.publicKeys, payload, { ...seal, signature: signature.toString('base64') }),
    ).toEqual({ valid: false, reason: 'bad_signature' });
    expect(verifySeal(keys.publicKeys, payload, { ...seal, signature: 'AAAA' })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    expect(verifySeal(keys.publicKeys, payload, { ...seal, keyId: '0123456789abcdef' })).toEqual({
      valid: false,
      reason: 'unknown_key',
    });
  });

  it('keeps verifying seals of a retired key after a rotation', () => {
    const file = path.join(tempDir('seal'), 'seal.key');
    expect(() => rotateSealKey(file)).toThrow(/no seal key/);
    const old = loadSealKeys(file);
    const payload = Buffer.from('sealed before the rotation');
    const oldSeal = sealPayload(old, payload);
    const { retired, current } = rotateSealKey(file);
    expect(retired).toBe(old.keyId);
    const now = loadSealKeys(file);
    expect(now.keyId).toBe(current);
    expect(now.keyId).not.toBe(old.keyId);
    expect(verifySeal(now.publicKeys, payload, oldSeal)).toEqual({ valid: true, keyId: old.keyId });
    expect(sealPayload(now, payload).keyId).toBe(current);
    // a second rotation keeps both older keys
    rotateSealKey(file);
    expect(loadSealKeys(file).publicKeys.size).toBe(3);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  });

  it('is created 0600 in the data directory by default, keeps its id, and the server warns', () => {
    const dataDir = tempDir('data');
    const config = loadConfig({ MIANTAN_DATA_DIR: dataDir });
    const platform = openPlatformSeal(config);
    expect(platform.keys.file).toBe(path.join(dataDir, 'seal.key'));
    expect((fs.statSync(platform.keys.file).mode & 0o777).toString(8)).toBe('600');
    expect(platform.timestamps.urls).toEqual([]);
    expect(openPlatformSeal(config).keys.keyId).toBe(platform.keys.keyId);

    const warning = protectionWarnings(config, {
      auditKey: null,
      sealKey: platform.keys.file,
    }).find((w) => w.kind === 'seal_key_beside_database');
    expect(warning).toEqual({
      kind: 'seal_key_beside_database',
      setting: 'MIANTAN_SEAL_KEY_FILE',
      path: platform.keys.file,
    });
    expect(warningText(warning!)).toMatch(/platform seal key .* Set MIANTAN_SEAL_KEY_FILE/);
  });

  it('raises no warning once MIANTAN_SEAL_KEY_FILE points away from the database', () => {
    const keyFile = path.join(tempDir('keys'), 'nested', 'seal.key');
    const env = {
      MIANTAN_DATA_DIR: tempDir('data'),
      MIANTAN_SEAL_KEY_FILE: keyFile,
    };
    // PostgreSQL: only the data directory is beside the database
    const pgConfig = loadConfig({ ...env, DATABASE_URL: 'postgres://db.example/miantan' });
    const platform = openPlatformSeal(pgConfig);
    expect(platform.keys.file).toBe(keyFile);
    expect((fs.statSync(path.dirname(keyFile)).mode & 0o777).toString(8)).toBe('700');
    const kinds = (config: typeof pgConfig) =>
      protectionWarnings(config, { auditKey: null, sealKey: platform.keys.file }).map(
        (w) => w.kind,
      );
    expect(kinds(pgConfig)).not.toContain('seal_key_beside_database');
    // SQLite: a file on the same filesystem as the database file is still beside it
    expect(kinds(loadConfig(env))).toContain('seal_key_beside_database');
  });

  it('loads one Ed25519 key for the audit log and the seal alike, and refuses another kind', () => {
    const dir = tempDir('keys');
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const fromEnv = loadEd25519Key({ pem, file: path.join(dir, 'unused.pem') });
    expect(fromEnv.file).toBeNull();
    expect(fs.existsSync(path.join(dir, 'unused.pem'))).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const rsaFile = path.join(dir, 'rsa.pem');
    fs.writeFileSync(rsaFile, rsa.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSealKeys(rsaFile)).toThrow(/not an Ed25519 private key/);
  });
});
