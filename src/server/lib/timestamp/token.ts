import { createHash, timingSafeEqual } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  type AlgorithmIdentifier,
  Certificate,
  CertificateChainValidationEngine,
  ContentInfo,
  ExtKeyUsage,
  IssuerAndSerialNumber,
  SignedData,
  TSTInfo,
  getCrypto,
  type SignerInfo,
} from 'pkijs';
import type { TrustAnchors } from './anchors.js';
import { TimestampError } from './errors.js';
import { distinguishedName, generalNameText } from './names.js';

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** Signature algorithms a token may name: RSA PKCS #1 v1.5 and ECDSA. */
const SIGNATURE_ALGORITHMS = [
  '1.2.840.113549.1.1.1',
  '1.2.840.113549.1.1.11',
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
  '1.2.840.10045.4.3.2',
  '1.2.840.10045.4.3.3',
  '1.2.840.10045.4.3.4',
];
/** Digests a token may use, by OID: node's name and WebCrypto's. */
const DIGESTS: Record<string, { node: string; web: string }> = {
  [OID.sha256]: { node: 'sha256', web: 'SHA-256' },
  [OID.sha384]: { node: 'sha384', web: 'SHA-384' },
  [OID.sha512]: { node: 'sha512', web: 'SHA-512' },
};
const DIGEST_ALGORITHMS = Object.keys(DIGESTS);

function digestOf(oid: string): { node: string; web: string } {
  const digest = DIGESTS[oid];
  if (!digest) throw fail('malformed', `the token uses an unknown digest (${oid})`);
  return digest;
}

/** What a verified token says. */
export interface VerifiedTimestamp {
  /** when the authority says the hash existed (ISO 8601, UTC) */
  genTime: string;
  /** the authority's name in the token, else its certificate's subject */
  tsaName: string;
  /** the token's serial number (hex), unique per authority */
  serial: string;
  policy: string;
}

const fail = (code: TimestampError['code'], message: string) => new TimestampError(code, message);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function signedDataOf(token: ContentInfo): SignedData {
  if (token.contentType !== OID.signedData)
    throw fail('malformed', 'the token is not CMS SignedData');
  const signed = new SignedData({ schema: token.content });
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !signed.encapContentInfo.eContent)
    throw fail('malformed', 'the token does not hold a TSTInfo');
  if (signed.signerInfos.length !== 1)
    throw fail('malformed', 'a timestamp token has exactly one signer');
  return signed;
}

function signerCertificate(signed: SignedData, signer: SignerInfo): Certificate {
  const certificates = carried(signed);
  const sid = signer.sid as unknown;
  const found =
    sid instanceof IssuerAndSerialNumber
      ? certificates.find(
          (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
        )
      : certificates.find((c) =>
          sameBytes(
            createHash('sha1')
              .update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
              .digest(),
            subjectKeyIdOf(sid),
          ),
        );
  // the request asks for the certificate (certReq), so a token without it is not ours to trust
  if (!found) throw fail('untrusted_signer', "the token does not carry its signer's certificate");
  return found;
}

function subjectKeyIdOf(sid: unknown): Uint8Array {
  const tagged = sid as asn1js.Constructed & asn1js.OctetString;
  return tagged.idBlock.isConstructed
    ? (tagged.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView
    : tagged.valueBlock.valueHexView;
}

function attribute(signer: SignerInfo, type: string): asn1js.AsnType | null {
  const found = signer.signedAttrs?.attributes.find((a) => a.type === type);
  return (found?.values[0] as asn1js.AsnType | undefined) ?? null;
}

/**
 * RFC 3161 §2.3: the signer's certificate is bound by an ESS signing-certificate attribute in
 * the signed attributes, so a certificate swapped in beside the signature is not accepted.
 */
function checkCertificateBinding(signer: SignerInfo, certificate: Certificate): void {
  const der = new Uint8Array(certificate.toSchema().toBER());
  const v2 = attribute(signer, OID.signingCertificateV2);
  const v1 = attribute(signer, OID.signingCertificate);
  const essCertId = ((v2 ?? v1) as asn1js.Sequence | null)?.valueBlock.value[0] as
    asn1js.Sequence | undefined;
  const first = essCertId?.valueBlock.value[0] as asn1js.Sequence | undefined;
  if (!first) throw fail('untrusted_signer', 'the token does not name its signing certificate');
  let algorithm = v2 ? 'sha256' : 'sha1';
  let hashField = first.valueBlock.value[0];
  if (v2 && hashField instanceof asn1js.Sequence) {
    const oid = (hashField.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
    algorithm = digestOf(oid).node;
    hashField = first.valueBlock.value[1];
  }
  if (!(hashField instanceof asn1js.OctetString))
    throw fail('malformed', 'the signing-certificate attribute is not readable');
  const expected = createHash(algorithm).update(der).digest();
  if (!sameBytes(hashField.valueBlock.valueHexView, expected))
    throw fail('untrusted_signer', 'the token names another certificate than the one it carries');
}

/** A TSA certificate: extendedKeyUsage critical, timeStamping only (RFC 3161 §2.3). */
function checkTsaUsage(certificate: Certificate): void {
  const eku = certificate.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  const purposes = eku?.parsedValue instanceof ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (!eku?.critical || purposes.length !== 1 || purposes[0] !== OID.timeStamping)
    throw fail(
      'untrusted_signer',
      'the signing certificate is not a timestamp authority certificate',
    );
}

const derOf = (c: Certificate) => Buffer.from(c.toSchema().toBER());

function validAt(certificate: Certificate, at: Date): boolean {
  return certificate.notBefore.value <= at && at <= certificate.notAfter.value;
}

/**
 * The signer's certificate chains to an anchor, every link valid when the token was made; the
 * certificates on that chain (DER), anchor included.
 */
async function checkChain(
  signed: SignedData,
  certificate: Certificate,
  anchors: TrustAnchors,
  at: Date,
): Promise<Buffer[]> {
  const signerDer = derOf(certificate);
  if (anchors.some((a) => derOf(a).equals(signerDer))) {
    if (!validAt(certificate, at))
      throw fail(
        'untrusted_signer',
        'the signing certificate was not valid when the token was made',
      );
    return [signerDer];
  }
  const others = carried(signed).filter((c) => !derOf(c).equals(signerDer));
  // the engine takes the last certificate it is given as the one whose chain it builds
  const engine = new CertificateChainValidationEngine({
    trustedCerts: [...anchors],
    certs: [...others, certificate],
    checkDate: at,
  });
  let problem: string | null = null;
  let chain: Buffer[] = [];
  try {
    const result = await engine.verify();
    chain = (result.certificatePath ?? []).map(derOf);
    if (!result.result) problem = result.resultMessage;
    else if (!chain[0]?.equals(signerDer)) problem = "the chain checked is not the signer's";
  } catch (err) {
    problem = (err as { resultMessage?: string }).resultMessage ?? String(err);
  }
  if (problem)
    throw fail(
      'untrusted_signer',
      `the signing certificate does not chain to a trust anchor: ${problem}`,
    );
  return chain;
}

const carried = (signed: SignedData) =>
  (signed.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);

/** A known algorithm, its parameters absent or NULL (the crypto engine ignores what it does not know). */
function plain(algorithm: AlgorithmIdentifier, allowed: readonly string[]): boolean {
  const params = algorithm.algorithmParams as unknown;
  return (
    allowed.includes(algorithm.algorithmId) &&
    (params === undefined || params instanceof asn1js.Null)
  );
}

/**
 * Nothing in a token goes unchecked: the versions RFC 5652 sets, known algorithms, only
 * certificates of its signer's chain or anchors (exactly as issued), the signer's digest listed.
 */
function checkNothingElse(signed: SignedData, signer: SignerInfo, chain: Buffer[]): void {
  const bySerial = (signer.sid as unknown) instanceof IssuerAndSerialNumber;
  if (signed.version !== 3 || signer.version !== (bySerial ? 1 : 3))
    throw fail('malformed', 'the token has the wrong CMS version');
  if (
    !plain(signer.signatureAlgorithm, SIGNATURE_ALGORITHMS) ||
    !plain(signer.digestAlgorithm, DIGEST_ALGORITHMS) ||
    !signed.digestAlgorithms.every((a) => plain(a, DIGEST_ALGORITHMS))
  )
    throw fail('malformed', 'the token names an algorithm it may not use');
  for (const c of carried(signed))
    if (!chain.some((k) => k.equals(derOf(c))))
      throw fail('untrusted_signer', 'the token carries a certificate outside its chain');
  if (
    (signed.certificates ?? []).length !== carried(signed).length ||
    (signed.crls ?? []).length > 0
  )
    throw fail('malformed', 'the token carries something other than certificates');
  if (!signed.digestAlgorithms.some((a) => a.algorithmId === signer.digestAlgorithm.algorithmId))
    throw fail('malformed', "the token does not list its signer's digest algorithm");
}

async function checkSignature(
  signer: SignerInfo,
  certificate: Certificate,
  content: ArrayBuffer,
): Promise<void> {
  const algorithm = digestOf(signer.digestAlgorithm.algorithmId);
  const contentType = attribute(signer, OID.contentType);
  const digest = attribute(signer, OID.messageDigest);
  if (
    !(contentType instanceof asn1js.ObjectIdentifier) ||
    contentType.valueBlock.toString() !== OID.tstInfo ||
    !(digest instanceof asn1js.OctetString) ||
    !signer.signedAttrs
  )
    throw fail('bad_signature', 'the signed attributes do not name a TSTInfo and its digest');
  const actual = createHash(algorithm.node).update(new Uint8Array(content)).digest();
  if (!sameBytes(actual, digest.valueBlock.valueHexView))
    throw fail('bad_signature', 'the TSTInfo does not match the digest that was signed');
  let valid = false;
  try {
    valid = await getCrypto(true).verifyWithPublicKey(
      signer.signedAttrs.encodedValue,
      signer.signature,
      certificate.subjectPublicKeyInfo,
      signer.signatureAlgorithm,
      algorithm.web,
    );
  } catch {
    // an unreadable signature is simply not a valid one
  }
  if (!valid) throw fail('bad_signature', "the token's signature does not verify");
}

/**
 * Checks a token (a TimeStampToken: CMS SignedData over a TSTInfo) offline: the hash it stamps
 * is ours, its signature verifies, and its signer is a TSA certificate chaining to an anchor as
 * of the time it states. No network: revocation is not looked up.
 */
async function verifyToken(
  token: ContentInfo,
  expectedSha256: Uint8Array,
  anchors: TrustAnchors,
  expectedNonce?: Uint8Array,
): Promise<VerifiedTimestamp> {
  const signed = signedDataOf(token);
  const content = signed.encapContentInfo.eContent!.getValue();
  let info: TSTInfo;
  try {
    info = TSTInfo.fromBER(content);
  } catch {
    throw fail('malformed', 'the TSTInfo is not readable');
  }
  if (
    expectedNonce &&
    !(info.nonce && sameBytes(info.nonce.valueBlock.valueHexView, expectedNonce))
  )
    throw fail('nonce_mismatch', 'the token answers another request (its nonce is not ours)');
  const imprint = info.messageImprint;
  if (
    imprint.hashAlgorithm.algorithmId !== OID.sha256 ||
    !sameBytes(imprint.hashedMessage.valueBlock.valueHexView, expectedSha256)
  )
    throw fail('imprint_mismatch', 'the token stamps another hash than ours');
  const signer = signed.signerInfos[0]!;
  const certificate = signerCertificate(signed, signer);
  await checkSignature(signer, certificate, content);
  checkCertificateBinding(signer, certificate);
  checkTsaUsage(certificate);
  const chain = await checkChain(signed, certificate, anchors, info.genTime);
  checkNothingElse(signed, signer, chain);
  return {
    genTime: info.genTime.toISOString(),
    tsaName: (info.tsa && generalNameText(info.tsa)) ?? distinguishedName(certificate.subject),
    serial: toHex(info.serialNumber.valueBlock.valueHexView),
    policy: info.policy,
  };
}

/**
 * Strict DER, whole: BER allows one value several encodings (and the parser forgives a wrong
 * length), so a token is accepted only as the one encoding its content has. A changed byte
 * anywhere then fails, even where it would not change the meaning.
 */
function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const bytes = new Uint8Array(der);
  const parsed = asn1js.fromBER(bytes);
  if (
    parsed.offset !== bytes.length ||
    parsed.result.error ||
    !Buffer.from(parsed.result.toBER()).equals(bytes)
  )
    throw fail('malformed', `the ${what} is not DER`);
  return parsed.result;
}

/**
 * Verifies a stored token (the TimeStampToken's DER bytes, as kept) offline; `expectedNonce`
 * only when checking the answer to our own request.
 */
export async function verifyTimestampToken(
  tokenDer: Uint8Array,
  expectedSha256: Uint8Array,
  trustAnchors: TrustAnchors,
  expectedNonce?: Uint8Array,
): Promise<VerifiedTimestamp> {
  try {
    const token = new ContentInfo({ schema: parseDer(tokenDer, 'token') });
    return await verifyToken(token, expectedSha256, trustAnchors, expectedNonce);
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    // pkijs throws plain errors on structures it cannot read
    throw fail('malformed', `the token is not readable: ${String(err)}`);
  }
}
