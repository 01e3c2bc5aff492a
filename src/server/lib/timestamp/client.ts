import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, PKIStatus, TimeStampReq, TimeStampResp } from 'pkijs';
import type { TrustAnchors } from './anchors.js';
import { allFailed, TimestampError, type TimestampAttempt } from './errors.js';
import { OID, verifyTimestampToken } from './token.js';

/** Where timestamps come from: authorities tried in order, and the roots their certificates chain to. */
export interface TimestampSettings {
  urls: readonly string[];
  trustAnchors: TrustAnchors;
  /** per authority tried, the whole request and answer */
  timeoutMs: number;
}

export type TimestampResult =
  | {
      stamped: true;
      /** the TimeStampToken (CMS SignedData), DER in base64: keep it as it is */
      token: string;
      genTime: string;
      tsaName: string;
      /** the URL of the authority that answered */
      authority: string;
    }
  /** no authority configured (MIANTAN_TSA_URL unset): nothing was asked */
  | { stamped: false; reason: 'not_configured' };

/** A random positive 64-bit nonce (first byte 0x01–0x7f: DER keeps all 8 bytes, no sign byte). */
function newNonce(): Uint8Array {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  return new Uint8Array(nonce);
}

function buildRequest(sha256: Uint8Array, nonce: Uint8Array): ArrayBuffer {
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256 }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return request.toSchema().toBER();
}

/** Answers larger than this are not timestamp responses (real ones are a few kilobytes). */
const MAX_RESPONSE_BYTES = 256 * 1024;

async function post(url: string, body: ArrayBuffer, timeoutMs: number): Promise<ArrayBuffer> {
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/timestamp-query',
        accept: 'application/timestamp-reply',
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    bytes = await response.arrayBuffer();
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new TimestampError(
      'unreachable',
      timedOut ? `no answer within ${timeoutMs} ms` : `no answer: ${errorText(err)}`,
    );
  }
  if (response.status !== 200) throw new TimestampError('unreachable', `HTTP ${response.status}`);
  if (bytes.byteLength > MAX_RESPONSE_BYTES)
    throw new TimestampError('malformed', `an answer of ${bytes.byteLength} bytes`);
  return bytes;
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

async function stampOnce(
  url: string,
  sha256: Uint8Array,
  settings: TimestampSettings,
): Promise<TimestampResult> {
  const nonce = newNonce();
  const answer = await post(url, buildRequest(sha256, nonce), settings.timeoutMs);
  const parsed = asn1js.fromBER(answer);
  let response: TimeStampResp;
  try {
    if (parsed.offset !== answer.byteLength) throw new Error('trailing or missing bytes');
    response = new TimeStampResp({ schema: parsed.result });
  } catch {
    throw new TimestampError('malformed', 'the answer is not a TimeStampResp');
  }
  const status = response.status.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new TimestampError('refused', `status ${status}${text ? `: ${text}` : ''}`);
  }
  // the token exactly as the authority encoded it: what is kept is what was verified
  const tokenDer = (parsed.result as asn1js.Sequence).valueBlock.value[1]?.valueBeforeDecodeView;
  if (!response.timeStampToken || !tokenDer)
    throw new TimestampError('malformed', 'a granted answer without a token');
  const verified = await verifyTimestampToken(tokenDer, sha256, settings.trustAnchors, nonce);
  return {
    stamped: true,
    token: Buffer.from(tokenDer).toString('base64'),
    genTime: verified.genTime,
    tsaName: verified.tsaName,
    authority: url,
  };
}

/**
 * An RFC 3161 timestamp over a SHA-256 hash: each configured authority in order until one gives
 * a token that verifies (ours: our hash and nonce; signed; its signer chains to an anchor).
 * Throws a TimestampError, with every attempt, when none does.
 */
export async function requestTimestamp(
  settings: TimestampSettings,
  sha256: Uint8Array,
): Promise<TimestampResult> {
  if (sha256.length !== 32) throw new Error('a SHA-256 hash is 32 bytes');
  if (settings.urls.length === 0) return { stamped: false, reason: 'not_configured' };
  const attempts: TimestampAttempt[] = [];
  for (const url of settings.urls) {
    try {
      return await stampOnce(url, sha256, settings);
    } catch (err) {
      if (!(err instanceof TimestampError)) throw err;
      attempts.push({ authority: url, code: err.code, message: err.message });
    }
  }
  throw allFailed(attempts);
}
