import { randomBytes } from 'node:crypto';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { docker, FIXTURE_IMAGE, rigDockerHost, skipUnlessRig, TEST_LABEL, waitFor } from '../rig';
import { type BerthApp, launchBerth } from './harness';
import { dumpAppOnFailure } from './support';

/** What the tests touch in the page (the node tsconfig has no DOM types). */
interface LogRow {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): unknown;
}
interface DetailsPage {
  __pwned?: unknown;
  e2eMarker?: string;
  document: { querySelectorAll(selector: string): ArrayLike<LogRow> };
  getComputedStyle(element: LogRow): { color: string };
}

/** Markup that would run script if a log line were ever rendered as HTML. */
const IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">';

/**
 * A container that, every 100 ms, writes a numbered line to stdout, one to stderr, the markup payload, and an
 * OSC 8 hyperlink to a `javascript:` URL around plain text.
 */
const TICKER_SCRIPT = [
  'i=0',
  'while true; do',
  '  i=$((i+1))',
  '  echo "tick $i"',
  '  echo "warn $i" >&2',
  `  printf '%s\\n' '${IMG_PAYLOAD}'`,
  "  printf 'link: \\033]8;;javascript:window.__pwned=2\\007osc-link-text\\033]8;;\\007 end\\n'",
  '  sleep 0.1',
  'done',
].join('\n');

/** The highest `tick N` among the log rows on screen (0 when none). */
async function lastTick(page: Page): Promise<number> {
  return page.evaluate(() => {
    let highest = 0;
    for (const row of Array.from(
      (globalThis as unknown as DetailsPage).document.querySelectorAll(
        '[data-testid="log-viewport"] [data-row]',
      ),
    )) {
      const match = /^tick (\d+)$/.exec(row.textContent ?? '');
      if (match) highest = Math.max(highest, Number(match[1]));
    }
    return highest;
  });
}

/** The terminal's rows as text, trailing blanks trimmed (xterm's DOM renderer may draw spaces as NBSP). */
async function terminalLines(page: Page): Promise<string[]> {
  const rows = await page.locator('[data-testid="terminal"] .xterm-rows > div').allTextContents();
  return rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd());
}

/** Waits until some terminal row satisfies `accept`. */
async function waitForTerminalLine(page: Page, accept: (line: string) => boolean): Promise<void> {
  await waitFor(async () => (await terminalLines(page)).some(accept), {
    timeoutMs: 30_000,
    description: 'a terminal line',
  });
}

skipUnlessRig('container details, end to end', () => {
  const suffix = randomBytes(4).toString('hex');
  const ticker = `e2e-ticker-${suffix}`;
  const shell = `e2e-shell-${suffix}`;
  let app: BerthApp;

  const run = (name: string, ...command: string[]): Promise<string> =>
    docker(
      'run',
      '-d',
      '--network',
      'none',
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=e2e`,
      FIXTURE_IMAGE,
      ...command,
    );

  /** Opens a container's details the way a user does: its name in the Containers list. */
  async function openDetails(id: string, name: string): Promise<void> {
    const page = app.window;
    const row = page.locator(
      `[data-testid="container-row"][data-container-id="${id}"][data-state="running"]`,
    );
    await row.waitFor();
    await row.getByRole('button', { name, exact: true }).click();
    await page.locator('[data-testid="container-details"]').waitFor();
    await page.getByRole('heading', { name, exact: true }).waitFor();
  }

  beforeAll(async () => {
    app = await launchBerth({ env: { DOCKER_HOST: rigDockerHost() } });
  });

  afterAll(async () => {
    await app?.close();
    await docker('rm', '-f', ticker, shell).catch(() => undefined);
  });

  dumpAppOnFailure(() => app);

  it('follows a running container’s log live, marks stderr, and shows markup and OSC 8 links as text', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    const id = await run(ticker, 'sh', '-c', TICKER_SCRIPT);
    await page.evaluate(() => {
      (globalThis as unknown as DetailsPage).e2eMarker = 'same document';
    });

    await openDetails(id, ticker);
    const logs = page.locator('[data-testid="logs-tab"]');
    await logs.waitFor();
    await page.locator('[data-testid="log-state"]', { hasText: 'Following' }).waitFor();

    // New lines arrive while we watch: the highest tick on screen keeps growing, in the same document.
    const rows = page.locator('[data-testid="log-viewport"] [data-row]');
    await rows
      .filter({ hasText: /^tick \d+$/ })
      .first()
      .waitFor();
    const first = await lastTick(page);
    await page.waitForFunction(
      (seen) => {
        for (const row of Array.from(
          (globalThis as unknown as DetailsPage).document.querySelectorAll(
            '[data-testid="log-viewport"] [data-row]',
          ),
        )) {
          const match = /^tick (\d+)$/.exec(row.textContent ?? '');
          if (match && Number(match[1]) >= seen + 5) return true;
        }
        return false;
      },
      first,
      { timeout: 30_000 },
    );
    expect(await lastTick(page)).toBeGreaterThanOrEqual(first + 5);
    expect(await page.evaluate(() => (globalThis as unknown as DetailsPage).e2eMarker)).toBe('same document');

    // stdout and stderr are told apart, by attribute and by what the reader sees.
    const stdoutLine = page.locator('[data-stream="stdout"]', { hasText: /^tick \d+$/ }).last();
    const stderrLine = page.locator('[data-stream="stderr"]', { hasText: /^warn \d+$/ }).last();
    await stderrLine.waitFor();
    const colours = await Promise.all(
      [stdoutLine, stderrLine].map((line) =>
        line.evaluate(
          (element) => (globalThis as unknown as DetailsPage).getComputedStyle(element as LogRow).color,
        ),
      ),
    );
    expect(colours[0]).not.toBe(colours[1]);
    expect(await page.locator('[data-stream="stderr"]', { hasText: /^tick / }).count()).toBe(0);

    // The markup is text: the row reads exactly the payload, holds no element, and nothing ran.
    const markupLine = page
      .locator('[data-testid="log-viewport"] [data-stream]', { hasText: IMG_PAYLOAD })
      .last();
    await markupLine.waitFor();
    expect(await markupLine.textContent()).toBe(IMG_PAYLOAD);
    expect(await markupLine.locator('img').count()).toBe(0);

    // The OSC 8 link shows its text only: no anchor, no escape residue, no javascript: URL anywhere.
    const linkLine = page
      .locator('[data-testid="log-viewport"] [data-stream]', { hasText: 'osc-link-text' })
      .last();
    await linkLine.waitFor();
    expect(await linkLine.textContent()).toBe('link: osc-link-text end');
    expect(await page.locator('[data-testid="log-viewport"] a').count()).toBe(0);
    expect(await page.locator('[data-testid="log-viewport"] img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as DetailsPage).__pwned)).toBeUndefined();
  });

  it('runs a command in the Terminal tab, shows its output, and shows the exit code', async () => {
    const page = app.window;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor();
    const id = await run(shell, 'sleep', '300');
    const back = page.getByRole('button', { name: 'Back to containers' });
    if (await back.isVisible()) await back.click();
    await openDetails(id, shell);

    await page.getByRole('tab', { name: 'Terminal' }).click();
    await page.locator('[data-testid="terminal-tab"]').waitFor();
    // On a running container the terminal connects by itself: busybox sh's prompt (`/ # `) shows once the exec is attached.
    await waitForTerminalLine(page, (line) => /[#$]$/.test(line));

    await page.locator('[data-testid="terminal"] .xterm-helper-textarea').focus();
    await page.keyboard.type('echo berth-$((40+2))');
    await page.keyboard.press('Enter');
    // The typed line holds `$((40+2))`, not the result: a line reading `berth-42` is the shell's output.
    await waitForTerminalLine(page, (line) => line === 'berth-42');
    const lines = await terminalLines(page);
    expect(lines.some((line) => line.endsWith('echo berth-$((40+2))'))).toBe(true);
    expect(lines).toContain('berth-42');

    await page.keyboard.type('exit 3');
    await page.keyboard.press('Enter');
    await waitForTerminalLine(page, (line) => line === '[process exited with code 3]');
    expect(await terminalLines(page)).toContain('[process exited with code 3]');
    await page.getByRole('button', { name: 'Connect' }).waitFor();
  });
});
