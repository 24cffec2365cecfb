import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const windowStateSchema = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

/** Why a stored `window-state.json` cannot be used as it is, or undefined (checked before the store opens). */
export function windowStateShapeProblem(value: unknown): string | undefined {
  const stored = value as Record<string, unknown>;
  if (!('window' in stored)) return undefined;
  return windowStateSchema.safeParse(stored.window).success ? undefined : 'window is not valid';
}

/** Where the window state is kept (an electron-store in the app, memory in tests). */
export interface WindowStateStore {
  get(key: 'window'): unknown;
  set(key: 'window', value: WindowState): void;
}

const minimumVisible = 64;

function visibleArea(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * The saved window state, or undefined when there is none or it would put the window where the user cannot reach
 * it (a monitor that is gone, a title bar off screen).
 */
export function restoreWindowState(stored: unknown, displays: readonly Rectangle[]): WindowState | undefined {
  const parsed = windowStateSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  const { bounds } = parsed.data;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
  const reachable = displays.some((display) => {
    const area = visibleArea(titleBar, display);
    return area.width >= minimumVisible && area.height > 0;
  });
  return reachable ? parsed.data : undefined;
}

/** Saves the state at most once per `delayMs` while the user drags or resizes, and once more on close. */
export class WindowStateKeeper {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: WindowStateStore,
    private readonly read: () => WindowState,
    private readonly delayMs = 500,
  ) {}

  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.store.set('window', this.read());
  }
}
