import { EventEmitter } from 'node:events';

import { runtime } from './runtime.js';
import { WebContentsDouble } from './web-contents.js';

type ThemeSource = 'system' | 'light' | 'dark';

/**
 * `nativeTheme`: the OS scheme comes from the launch config (`systemTheme`); `themeSource` overrides it, fires
 * `updated`, and is applied to every window as `prefers-color-scheme`, as Electron does.
 */
export class NativeThemeDouble extends EventEmitter {
  private source: ThemeSource = 'system';

  get themeSource(): ThemeSource {
    return this.source;
  }

  set themeSource(source: ThemeSource) {
    if (!['system', 'light', 'dark'].includes(source)) return;
    const before = this.shouldUseDarkColors;
    this.source = source;
    if (before === this.shouldUseDarkColors) return;
    const colorScheme = this.shouldUseDarkColors ? 'dark' : 'light';
    for (const contents of WebContentsDouble.all()) {
      void contents.pageReady.then((page) => page.emulateMedia({ colorScheme })).catch(() => undefined);
    }
    this.emit('updated');
  }

  get shouldUseDarkColors(): boolean {
    return this.source === 'system' ? runtime.config.systemTheme === 'dark' : this.source === 'dark';
  }

  get shouldUseDarkColorsForSystemIntegratedUI(): boolean {
    return runtime.config.systemTheme === 'dark';
  }

  get shouldUseHighContrastColors(): boolean {
    return false;
  }

  get shouldUseInvertedColorScheme(): boolean {
    return false;
  }

  get inForcedColorsMode(): boolean {
    return false;
  }

  get prefersReducedTransparency(): boolean {
    return false;
  }
}

export const nativeTheme = new NativeThemeDouble();
