/**
 * Setup of the `renderer` project (jsdom): jest-dom matchers, the browser APIs jsdom lacks that Mantine
 * and the virtualiser need, and cleanup between tests.
 */
import '@testing-library/jest-dom/vitest';

import { cleanNotifications } from '@mantine/notifications';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

import { installMatchMedia, resetMatchMedia } from '../renderer/support/match-media';

installMatchMedia();

// jsdom has no layout engine. ResizeObserver never fires, so elements keep the size given below.
class NoopResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.defineProperty(window, 'ResizeObserver', {
  configurable: true,
  writable: true,
  value: NoopResizeObserver,
});

// Every box is a 1280×720 viewport, so the virtualised list renders one screenful of rows as it would in
// a real window instead of none.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 720 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1280 });

// Mantine scrolls focused options into view and reads computed styles with a pseudo-element argument,
// which jsdom rejects.
Element.prototype.scrollIntoView = function scrollIntoView() {};
const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);

afterEach(() => {
  cleanup();
  cleanNotifications();
  resetMatchMedia();
  document.documentElement.removeAttribute('data-mantine-color-scheme');
});
