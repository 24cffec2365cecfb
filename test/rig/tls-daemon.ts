import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

import { type CertSet, makeCerts } from './certs';
import {
  findExecutable,
  type PrivateDaemon,
  privateDaemonUnavailableReason,
  startPrivateDaemon,
} from './private-daemon';

/** A private dockerd that also listens on `tcp://127.0.0.1:<port>` with `--tlsverify` (mutual TLS). */
export interface TlsDaemon {
  /** The daemon itself (its unix socket works too, for the CLI and for an sshd's `docker`). */
  daemon: PrivateDaemon;
  /** `tcp://127.0.0.1:<port>` */
  host: string;
  port: number;
  certs: CertSet;
  stop(): Promise<void>;
}

/** Why a TLS daemon cannot run here, or undefined. */
export function tlsDaemonUnavailableReason(): string | undefined {
  return (
    privateDaemonUnavailableReason() ?? (findExecutable('openssl') ? undefined : 'openssl not found on PATH')
  );
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a private dockerd with `--tlsverify --tlscacert --tlscert --tlskey -H tcp://127.0.0.1:<port>` on
 * certificates made by openssl (a fresh set unless `certs` is given), next to its own unix socket.
 */
export async function startTlsDaemon(
  options: { certs?: CertSet; buildImage?: boolean } = {},
): Promise<TlsDaemon> {
  const certDir = options.certs ? undefined : await mkdtemp(join(tmpdir(), 'berth-certs-'));
  const certs = options.certs ?? (await makeCerts(certDir ?? ''));
  let lastError: unknown;
  // The free port may be taken between finding and binding it; try again then.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const daemon = await startPrivateDaemon({
        buildImage: options.buildImage ?? true,
        extraArgs: [
          '--tlsverify',
          `--tlscacert=${certs.ca}`,
          `--tlscert=${certs.serverCert}`,
          `--tlskey=${certs.serverKey}`,
          `--host=tcp://127.0.0.1:${port}`,
        ],
      });
      return {
        daemon,
        host: `tcp://127.0.0.1:${port}`,
        port,
        certs,
        async stop() {
          await daemon.stop();
          if (certDir) await rm(certDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  if (certDir) await rm(certDir, { recursive: true, force: true });
  throw lastError;
}

/** A TLS front on a loopback port that presents `cert`/`key` and passes the plaintext on to a unix socket. */
export interface TlsFront {
  host: string;
  port: number;
  /** TLS handshakes that completed (a client that refuses the certificate never completes one). */
  readonly handshakes: number;
  close(): Promise<void>;
}

/**
 * Serves a daemon's unix socket over TLS with the given certificate: for refusal tests (a certificate without
 * the SAN). If a client wrongly accepted the certificate it would reach a real daemon, so such a test can fail.
 */
export async function startTlsFront(cert: string, key: string, socketPath: string): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  let handshakes = 0;
  const server = tls.createServer({ cert: await readFile(cert), key: await readFile(key) }, (client) => {
    handshakes++;
    const upstream = net.createConnection(socketPath);
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `tcp://127.0.0.1:${port}`,
    port,
    get handshakes() {
      return handshakes;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
