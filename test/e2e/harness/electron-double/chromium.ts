import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type BrowserContext, chromium } from 'playwright-core';

import { CHROMIUM_FLAGS } from './config.js';
import { runtime } from './runtime.js';

export interface LaunchedChromium {
  context: BrowserContext;
  cdpPort: number;
  chromiumPid: number | null;
}

/**
 * Starts headless Chromium for the app: Playwright drives it over its pipe (this process), and a DevTools port
 * lets the test process attach to the same pages with `connectOverCDP`. `switches` are what the app appended
 * with `app.commandLine.appendSwitch` before ready, as Electron passes them to its Chromium.
 */
export async function launchChromium(switches: string[]): Promise<LaunchedChromium> {
  const { chromiumPath, chromiumProfileDir } = runtime.config;
  const context = await chromium.launchPersistentContext(chromiumProfileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: null,
    args: [...CHROMIUM_FLAGS, '--remote-debugging-port=0', ...switches],
  });
  // The profile's first tab is not a window of the app.
  await Promise.all(context.pages().map((page) => page.close()));
  const cdpPort = await readDevToolsPort(chromiumProfileDir);
  return { context, cdpPort, chromiumPid: findChromiumPid() };
}

async function readDevToolsPort(profileDir: string): Promise<number> {
  const file = join(profileDir, 'DevToolsActivePort');
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (Number.isInteger(port) && port > 0) return port;
    } catch {
      // Not written yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Chromium did not write ${file}`);
}

/** The browser process is our direct child (Playwright spawns it); its pid lets the harness kill its group. */
function findChromiumPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parentPid = Number(afterName[1]);
      if (parentPid !== process.pid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (command.includes('--remote-debugging-pipe')) return Number(entry);
    } catch {
      // The process went away while we looked.
    }
  }
  return null;
}
