import type { CertSet } from './certs';
import { type RigSshd, type RigSshInfo, sshdUnavailableReason, startSshd } from './sshd';
import { startTlsDaemon, type TlsDaemon, tlsDaemonUnavailableReason } from './tls-daemon';

/** The second daemon (TLS on tcp://127.0.0.1) and the sshd whose `docker` reaches it, as plain data. */
export interface RigRemoteInfo {
  tls: {
    /** `tcp://127.0.0.1:<port>` with `--tlsverify`. */
    host: string;
    /** The same daemon's unix socket (`unix://…`), for the CLI. */
    socketHost: string;
    socketPath: string;
    certs: CertSet;
  };
  /** `docker` in its sessions reaches the TLS daemon (through its unix socket). */
  ssh: RigSshInfo;
}

/** Where the info travels to e2e child processes and the bench. */
export const RIG_REMOTE_ENV = 'BERTH_RIG_REMOTE';

let tlsDaemon: TlsDaemon | undefined;
let sshd: RigSshd | undefined;

/** Starts the TLS daemon and the sshd (global setup); never throws, says why when it cannot. */
export async function startRemoteRig(): Promise<{ info: RigRemoteInfo | null; reason: string | null }> {
  delete process.env[RIG_REMOTE_ENV];
  const unavailable = tlsDaemonUnavailableReason() ?? sshdUnavailableReason();
  if (unavailable) {
    console.warn(`[rig] remote-host tests skipped: ${unavailable}`);
    return { info: null, reason: unavailable };
  }
  try {
    tlsDaemon = await startTlsDaemon();
    sshd = await startSshd({ dockerHost: tlsDaemon.daemon.host });
  } catch (error) {
    await stopRemoteRig();
    const reason = `the remote rig did not start: ${(error as Error).message}`;
    console.warn(`[rig] remote-host tests skipped: ${reason}`);
    return { info: null, reason };
  }
  const info: RigRemoteInfo = {
    tls: {
      host: tlsDaemon.host,
      socketHost: tlsDaemon.daemon.host,
      socketPath: tlsDaemon.daemon.socketPath,
      certs: tlsDaemon.certs,
    },
    ssh: {
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      keyFile: sshd.keyFile,
      encryptedKeyFile: sshd.encryptedKeyFile,
      passphrase: sshd.passphrase,
      knownHostsLine: sshd.knownHostsLine,
      wrongKnownHostsLine: sshd.wrongKnownHostsLine,
      fingerprint: sshd.fingerprint,
      commandLog: sshd.commandLog,
      dockerHost: sshd.dockerHost,
      passwordUser: sshd.passwordUser,
      password: sshd.password,
    },
  };
  process.env[RIG_REMOTE_ENV] = JSON.stringify(info);
  console.log(`[rig] TLS daemon at ${info.tls.host}, sshd at 127.0.0.1:${info.ssh.port}`);
  return { info, reason: null };
}

export async function stopRemoteRig(): Promise<void> {
  const [runningSshd, runningTls] = [sshd, tlsDaemon];
  sshd = undefined;
  tlsDaemon = undefined;
  await runningSshd?.stop();
  await runningTls?.stop();
}
