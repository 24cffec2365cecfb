import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Certificates for the TLS test daemon, made by openssl: one good set, and the bad ones refusal tests need. */
export interface CertSet {
  dir: string;
  /** The CA that signed the server and client certificates. */
  ca: string;
  /** Server certificate with `subjectAltName = IP:127.0.0.1, DNS:localhost`, `extendedKeyUsage = serverAuth`. */
  serverCert: string;
  serverKey: string;
  /** Signed by the right CA but without any subjectAltName: a client must refuse it for 127.0.0.1. */
  noSanCert: string;
  noSanKey: string;
  /** Client certificate (`extendedKeyUsage = clientAuth`) and key, signed by {@link ca}. */
  clientCert: string;
  clientKey: string;
  /** Another CA: the daemon's certificate does not chain to it. */
  wrongCa: string;
}

const EXTENSIONS = `
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
[server_nosan]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
`;

async function openssl(cwd: string, args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args, { cwd });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${(stderr ?? String(error)).trim()}`, {
      cause: error,
    });
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string, config: string): Promise<void> {
  await openssl(dir, [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    `${name}-key.pem`,
    '-out',
    `${name}.pem`,
    '-days',
    '3',
    '-subj',
    `/CN=Berth test ${name}`,
    '-config',
    config,
    '-extensions',
    'ca',
  ]);
}

async function makeLeaf(
  dir: string,
  name: string,
  subject: string,
  extensions: string,
  config: string,
): Promise<void> {
  await openssl(dir, [
    'req',
    '-new',
    ...EC_KEY,
    '-keyout',
    `${name}-key.pem`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
    '-config',
    config,
  ]);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '3',
    '-out',
    `${name}.pem`,
    '-extfile',
    config,
    '-extensions',
    extensions,
  ]);
}

/** Makes a CA, a server certificate for 127.0.0.1 (with and without SAN), a client certificate and a wrong CA. */
export async function makeCerts(dir: string): Promise<CertSet> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const config = join(dir, 'openssl.cnf');
  await writeFile(config, EXTENSIONS);
  await makeCa(dir, 'ca', config);
  await makeCa(dir, 'wrong-ca', config);
  await Promise.all([
    makeLeaf(dir, 'server', '/CN=127.0.0.1', 'server', config),
    makeLeaf(dir, 'server-nosan', '/CN=127.0.0.1', 'server_nosan', config),
    makeLeaf(dir, 'client', '/CN=berth-test-client', 'client', config),
  ]);
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server-key.pem'),
    noSanCert: join(dir, 'server-nosan.pem'),
    noSanKey: join(dir, 'server-nosan-key.pem'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client-key.pem'),
    wrongCa: join(dir, 'wrong-ca.pem'),
  };
}
