import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { TimeStampReq } from 'pkijs';

/**
 * A timestamp authority for tests, on loopback: `openssl ts -reply` answers each POSTed query,
 * with a throwaway CA and TSA certificate made by the openssl CLI in a temporary directory.
 */
const run = promisify(execFile);

/** Two CAs, each with a TSA certificate: the tests trust the first and not the second. */
export interface TestPki {
  dir: string;
  /** the trusted CA's certificate (PEM file): what MIANTAN_TSA_CA_FILE would name */
  caFile: string;
  caPem: string;
  config: string;
}

/**
 * normal: a granted token; error500: HTTP 500; slow: a normal answer after `slowMs`;
 * foreignCa: signed by a TSA certificate from the CA nobody trusts; wrongImprint: a token for
 * another hash (the query is rewritten before openssl sees it; the nonce is kept); reject: a
 * TimeStampResp with status rejection (the section accepts only SHA-512).
 */
export type TsaBehaviour = 'normal' | 'error500' | 'slow' | 'foreignCa' | 'wrongImprint' | 'reject';

export interface TestTsa {
  url: string;
  behaviour: TsaBehaviour;
  slowMs: number;
  /** queries received so far */
  hits: number;
  close(): Promise<void>;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-subj',
    `/CN=Miantan test ${name}`,
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
}

async function makeTsaCertificate(
  dir: string,
  name: string,
  ca: string,
  keyType: string[],
): Promise<void> {
  await openssl(
    dir,
    'req',
    '-new',
    '-newkey',
    ...keyType,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=Miantan test ${name}/O=Miantan`,
  );
  await openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    String(Date.now()),
    '-days',
    '2',
    '-out',
    `${name}.crt`,
    '-extfile',
    'tsa-ext.cnf',
  );
}

function section(dir: string, name: string, signer: string, ca: string, digests: string): string {
  return `[ ${name} ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/${signer}.crt
certs = $dir/${ca}.crt
signer_key = $dir/${signer}.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = ${digests}
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function createTestPki(): Promise<TestPki> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miantan-tsa-'));
  fs.writeFileSync(
    path.join(dir, 'tsa-ext.cnf'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  await Promise.all([makeCa(dir, 'ca'), makeCa(dir, 'foreign-ca')]);
  await Promise.all([
    makeTsaCertificate(dir, 'tsa', 'ca', ['rsa:2048']),
    makeTsaCertificate(dir, 'foreign-tsa', 'foreign-ca', [
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
    ]),
  ]);
  fs.writeFileSync(path.join(dir, 'serial'), '01\n');
  const config = path.join(dir, 'openssl.cnf');
  fs.writeFileSync(
    config,
    [
      '[ tsa ]\ndefault_tsa = normal\n',
      section(dir, 'normal', 'tsa', 'ca', 'sha256, sha384, sha512'),
      section(dir, 'foreign', 'foreign-tsa', 'foreign-ca', 'sha256, sha384, sha512'),
      section(dir, 'reject', 'tsa', 'ca', 'sha512'),
    ].join('\n'),
  );
  const caFile = path.join(dir, 'ca.crt');
  return { dir, caFile, caPem: fs.readFileSync(caFile, 'utf8'), config };
}

export function removeTestPki(pki: TestPki): void {
  fs.rmSync(pki.dir, { recursive: true, force: true });
}

/** The same query for another hash: every byte of the imprint flipped, nonce and all else kept. */
function otherImprint(query: Buffer): Buffer {
  const request = TimeStampReq.fromBER(new Uint8Array(query));
  const hash = Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView).map(
    (b) => b ^ 0xff,
  );
  request.messageImprint.hashedMessage = new asn1js.OctetString({ valueHex: hash });
  return Buffer.from(request.toSchema().toBER());
}

async function reply(pki: TestPki, behaviour: TsaBehaviour, query: Buffer, n: string) {
  const queryFile = path.join(pki.dir, `${n}.tsq`);
  const replyFile = path.join(pki.dir, `${n}.tsr`);
  fs.writeFileSync(queryFile, behaviour === 'wrongImprint' ? otherImprint(query) : query);
  const sectionName =
    behaviour === 'foreignCa' ? 'foreign' : behaviour === 'reject' ? 'reject' : 'normal';
  await openssl(
    pki.dir,
    'ts',
    '-reply',
    '-config',
    pki.config,
    '-section',
    sectionName,
    '-queryfile',
    queryFile,
    '-out',
    replyFile,
  );
  return fs.readFileSync(replyFile);
}

let served = 0;

export async function startTestTsa(
  pki: TestPki,
  behaviour: TsaBehaviour = 'normal',
  slowMs = 3000,
): Promise<TestTsa> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      tsa.hits += 1;
      const answer = async () => {
        if (tsa.behaviour === 'error500') return res.writeHead(500).end();
        if (tsa.behaviour === 'slow') await new Promise((r) => setTimeout(r, tsa.slowMs));
        const body = await reply(pki, tsa.behaviour, Buffer.concat(chunks), `q${++served}`);
        if (!res.destroyed)
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
      };
      answer().catch(() => {
        if (!res.destroyed) res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    behaviour,
    slowMs,
    hits: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return tsa;
}
