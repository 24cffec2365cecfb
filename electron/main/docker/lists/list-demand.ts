/**
 * Whether anyone is looking at Berth's lists. While the window is hidden (to the tray, or minimised) the lists do
 * not ask the daemons for anything on behalf of events: each event is remembered (and, where the event says enough,
 * applied to its row in memory, so the tray stays right), and what was remembered is fetched once when the window is
 * shown again. An explicit list or a change we made still asks at once. With 50 hosts this keeps a hidden Berth to
 * heartbeats only (issue #16; bench/fleet).
 */
export class ListDemand {
  private watching = true;
  private readonly listeners = new Set<() => void>();

  /** The window is on screen (the default until told otherwise). */
  get active(): boolean {
    return this.watching;
  }

  setWindowVisible(visible: boolean): void {
    if (visible === this.watching) return;
    this.watching = visible;
    if (visible) for (const listener of [...this.listeners]) listener();
  }

  /** Called when the window is shown again after being hidden. */
  onResumed(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
