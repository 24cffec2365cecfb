import type { BrowserWindow } from 'electron';

/**
 * Tells `setVisible` whether the window is on screen: hidden to the tray or minimised counts as not visible, so
 * nothing is sampled for a window no one sees (design A-T5). Call it with each window as it becomes ready; a
 * window is followed once however often its page reloads.
 */
export function followWindowVisibility(
  setVisible: (visible: boolean) => void,
): (window: BrowserWindow) => void {
  const watched = new WeakSet<BrowserWindow>();
  return (window) => {
    const update = (): void => setVisible(window.isVisible() && !window.isMinimized());
    update();
    if (watched.has(window)) return;
    watched.add(window);
    window.on('show', update);
    window.on('hide', update);
    window.on('minimize', update);
    window.on('restore', update);
    window.on('closed', () => setVisible(false));
  };
}
