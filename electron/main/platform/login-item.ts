import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The command line flag a login launch carries, so Berth starts in the tray without a window. */
export const HIDDEN_FLAG = '--hidden';

/** The XDG autostart entry that starts Berth hidden at login on Linux desktops. */
export function autostartEntry(executable: string, args: readonly string[]): string {
  const quote = (value: string) =>
    /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Berth',
    'Comment=Docker containers, images, volumes and networks on every host',
    `Exec=${[executable, ...args, HIDDEN_FLAG].map(quote).join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

/** `$XDG_CONFIG_HOME/autostart/berth.desktop`, or under `~/.config`. */
export function autostartPath(env: NodeJS.ProcessEnv, homedir: string): string {
  const config =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : join(homedir, '.config');
  return join(config, 'autostart', 'berth.desktop');
}

/** Writes or removes the Linux autostart entry (Electron's login-item API covers only macOS and Windows). */
export async function applyLinuxAutostart(
  enabled: boolean,
  path: string,
  executable: string,
  args: readonly string[],
): Promise<void> {
  if (!enabled) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, autostartEntry(executable, args), { mode: 0o644 });
}
