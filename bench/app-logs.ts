import type { Locator, Page } from 'playwright-core';

/** What the in-page probe touches (the node tsconfig has no DOM types). */
interface ProbeGlobals {
  performance: { now(): number };
  requestAnimationFrame(callback: () => void): number;
  document: {
    body: unknown;
    addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean; characterData: boolean }): void;
    disconnect(): void;
  };
  __berthShown?: Promise<number>;
}

/** Goes back to the container list if a details view is open. */
export async function backToList(page: Page): Promise<void> {
  const back = page.getByRole('button', { name: 'Back to containers' });
  if (await back.isVisible()) await back.click();
}

/**
 * Clicks a container's name in the list (its Logs tab opens) and answers, measured in the page, the time from
 * the click to the frame after the row reading `lastLine` is in the log view.
 */
export async function clickToLastLine(
  page: Page,
  id: string,
  name: string,
  lastLine: string,
): Promise<number> {
  await backToList(page);
  const row = page.locator(`[data-testid="container-row"][data-container-id="${id}"]`);
  const button = row.getByRole('button', { name, exact: true });
  await button.waitFor();
  await page.evaluate((last) => {
    const page = globalThis as unknown as ProbeGlobals;
    page.__berthShown = new Promise<number>((resolve) => {
      let clickedAt = NaN;
      page.document.addEventListener(
        'click',
        () => {
          clickedAt = page.performance.now();
        },
        { capture: true, once: true },
      );
      const shown = (): boolean =>
        Array.from(page.document.querySelectorAll('[data-testid="log-viewport"] [data-row]')).some(
          (element) => element.textContent === last,
        );
      const observer = new page.MutationObserver(() => {
        if (Number.isNaN(clickedAt) || !shown()) return;
        observer.disconnect();
        page.requestAnimationFrame(() => resolve(page.performance.now() - clickedAt));
      });
      observer.observe(page.document.body, { childList: true, subtree: true, characterData: true });
    });
  }, lastLine);
  await button.click();
  return page.evaluate(() => (globalThis as unknown as ProbeGlobals).__berthShown ?? Promise.resolve(NaN));
}

/**
 * Clicks `target` and answers, measured in the page, the time from the click to the frame after an element
 * matching `selector` is in the document (a tab switch).
 */
export async function clickUntil(page: Page, target: Locator, selector: string): Promise<number> {
  await target.waitFor();
  await page.evaluate((wanted) => {
    const page = globalThis as unknown as ProbeGlobals;
    page.__berthShown = new Promise<number>((resolve) => {
      let clickedAt = NaN;
      page.document.addEventListener(
        'click',
        () => {
          clickedAt = page.performance.now();
        },
        { capture: true, once: true },
      );
      const observer = new page.MutationObserver(() => {
        if (Number.isNaN(clickedAt) || page.document.querySelectorAll(wanted).length === 0) return;
        observer.disconnect();
        page.requestAnimationFrame(() => resolve(page.performance.now() - clickedAt));
      });
      observer.observe(page.document.body, { childList: true, subtree: true, characterData: true });
    });
  }, selector);
  await target.click();
  return page.evaluate(() => (globalThis as unknown as ProbeGlobals).__berthShown ?? Promise.resolve(NaN));
}

/** Switches from the Logs tab to Inspect and back, `times` times; answers each switch back to Logs, ms. */
export async function tabSwitches(page: Page, times: number): Promise<number[]> {
  const switches: number[] = [];
  for (let round = 0; round < times; round++) {
    await clickUntil(page, page.getByRole('tab', { name: 'Inspect' }), '[data-testid="inspect-tab"]');
    switches.push(
      await clickUntil(
        page,
        page.getByRole('tab', { name: 'Logs' }),
        '[data-testid="log-viewport"] [data-row]',
      ),
    );
  }
  return switches;
}
