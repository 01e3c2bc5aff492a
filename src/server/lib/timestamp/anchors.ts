import fs from 'node:fs';
import { Certificate } from 'pkijs';

/** The roots a timestamp authority's certificate must chain to. */
export type TrustAnchors = readonly Certificate[];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

export function parseTrustAnchors(pem: string): TrustAnchors {
  const anchors = [...pem.matchAll(PEM_CERTIFICATE)].map((m) =>
    Certificate.fromBER(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
  );
  if (anchors.length === 0) throw new Error('no PEM certificate found');
  return anchors;
}

export function readTrustAnchors(file: string): TrustAnchors {
  try {
    return parseTrustAnchors(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `timestamp trust anchors ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
