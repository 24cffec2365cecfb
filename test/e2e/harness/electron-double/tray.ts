import { EventEmitter } from 'node:events';

import type { ImageInfo, TrayInfo } from './control-protocol.js';
import { createEvent } from './events.js';
import {
  clickSnapshot,
  describeSnapshot,
  keyboardEvent,
  type MenuDouble,
  type MenuSnapshotEntry,
  snapshotMenu,
} from './menu.js';
import { type NativeImageDouble, toNativeImage } from './native-image.js';

const liveTrays: TrayDouble[] = [];

function describeImage(image: NativeImageDouble): ImageInfo {
  const { width, height } = image.getSize();
  return { path: image.sourcePath, width, height, empty: image.isEmpty() };
}

/**
 * `Tray` as on Linux: the context menu is copied when `setContextMenu` is called — later changes to its items
 * show only after `setContextMenu` is called again (Electron documents this for Linux) — and a left click emits
 * `click`. The harness reads and clicks the menu as a user would.
 */
export class TrayDouble extends EventEmitter {
  private image: NativeImageDouble;
  private toolTip = '';
  private title = '';
  private menu: MenuDouble | null = null;
  private snapshot: MenuSnapshotEntry[] = [];
  private destroyed = false;

  constructor(image: NativeImageDouble | string, _guid?: string) {
    super();
    this.image = toNativeImage(image);
    liveTrays.push(this);
  }

  /** The tray the harness talks to: the first one still alive. */
  static current(): TrayDouble | undefined {
    return liveTrays.find((tray) => !tray.destroyed);
  }

  setImage(image: NativeImageDouble | string): void {
    this.assertAlive();
    this.image = toNativeImage(image);
  }

  setPressedImage(_image: NativeImageDouble | string): void {
    // macOS only.
  }

  setToolTip(toolTip: string): void {
    this.assertAlive();
    this.toolTip = toolTip;
  }

  setTitle(title: string): void {
    this.assertAlive();
    this.title = title;
  }

  getTitle(): string {
    return this.title;
  }

  setContextMenu(menu: MenuDouble | null): void {
    this.assertAlive();
    this.menu = menu;
    this.snapshot = menu === null ? [] : snapshotMenu(menu);
  }

  popUpContextMenu(menu?: MenuDouble): void {
    (menu ?? this.menu)?.popup();
  }

  closeContextMenu(): void {
    this.menu?.closePopup();
  }

  setIgnoreDoubleClickEvents(_ignore: boolean): void {
    // macOS only.
  }

  getIgnoreDoubleClickEvents(): boolean {
    return false;
  }

  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: 0, height: 0 };
  }

  focus(): void {
    // No tray area to focus.
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.menu = null;
    this.snapshot = [];
  }

  // ---- for the harness -----------------------------------------------------------------------------------

  info(): TrayInfo {
    return { toolTip: this.toolTip, title: this.title, image: describeImage(this.image) };
  }

  menuAsSeen() {
    return describeSnapshot(this.snapshot);
  }

  clickMenuItem(labelPath: string[]): void {
    if (this.menu === null) throw new Error('The tray has no context menu');
    clickSnapshot(this.snapshot, labelPath, 'tray menu');
  }

  clickIcon(): void {
    this.emit('click', createEvent(keyboardEvent()), this.getBounds(), { x: 0, y: 0 });
  }

  private assertAlive(): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }
}
