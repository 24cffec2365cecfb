import { EventEmitter } from 'node:events';

import type { Display, Point, Rectangle } from 'electron';

import { runtime } from './runtime.js';

/** The one display the double has: 1920×1080 at scale 1 (the work area is the whole screen). */
export const PRIMARY_DISPLAY: Display = {
  id: 1,
  label: 'e2e-display',
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1080 },
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1080 },
  nativeOrigin: { x: 0, y: 0 },
  scaleFactor: 1,
  rotation: 0,
  internal: false,
  monochrome: false,
  accelerometerSupport: 'unknown',
  touchSupport: 'unknown',
  colorDepth: 24,
  colorSpace: '{primaries:BT709, transfer:SRGB, matrix:RGB, range:FULL}',
  depthPerComponent: 8,
  displayFrequency: 60,
  maximumCursorSize: { width: 0, height: 0 },
  detected: true,
};

function copy(): Display {
  return structuredClone(PRIMARY_DISPLAY);
}

/** `screen`, which Electron makes usable only once the app is ready. */
export class ScreenDouble extends EventEmitter {
  private requireReady(): void {
    if (!runtime.isReady) throw new Error("The 'screen' module can't be used before the app 'ready' event");
  }

  getPrimaryDisplay(): Display {
    this.requireReady();
    return copy();
  }

  getAllDisplays(): Display[] {
    this.requireReady();
    return [copy()];
  }

  getDisplayNearestPoint(_point: Point): Display {
    this.requireReady();
    return copy();
  }

  getDisplayMatching(_rect: Rectangle): Display {
    this.requireReady();
    return copy();
  }

  getCursorScreenPoint(): Point {
    this.requireReady();
    return { x: 0, y: 0 };
  }

  screenToDipPoint(point: Point): Point {
    return { ...point };
  }

  dipToScreenPoint(point: Point): Point {
    return { ...point };
  }
}

export const screen = new ScreenDouble();
