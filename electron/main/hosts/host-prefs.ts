import type { EngineId } from '../../common';
import type { EnginePrefs, HostStore } from './host-store';

// Berth's per-host preferences in the hosts file (disconnected, insecure opt-in) and what moves or goes with a host.

export function readPrefs(store: HostStore, engineId: EngineId): EnginePrefs {
  return store.read().engines[engineId] ?? {};
}

/** Sets (true) or clears (undefined) preferences of one host; a host without any has no entry. */
export function setPrefs(
  store: HostStore,
  engineId: EngineId,
  patch: Partial<Record<keyof EnginePrefs, true | undefined>>,
): void {
  const file = store.read();
  const next: EnginePrefs = { ...file.engines[engineId] };
  for (const [key, value] of Object.entries(patch) as [keyof EnginePrefs, true | undefined][]) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length === 0) delete file.engines[engineId];
  else file.engines[engineId] = next;
  store.write(file);
}

/** A Berth host saved as a context instead: its preferences and saved passphrases follow it. */
export function moveBerthHostToContext(store: HostStore, from: EngineId, to: EngineId): void {
  const file = store.read();
  file.hosts = file.hosts.filter((record) => record.id !== from);
  const prefs = file.engines[from];
  if (prefs) file.engines[to] = prefs;
  delete file.engines[from];
  const passphrases = file.passphrases[from];
  if (passphrases) file.passphrases[to] = passphrases;
  delete file.passphrases[from];
  store.write(file);
}

/** Forgets what Berth kept about a removed host (preferences, saved passphrases). */
export function forgetEngine(store: HostStore, engineId: EngineId): void {
  const file = store.read();
  delete file.engines[engineId];
  delete file.passphrases[engineId];
  store.write(file);
}
