import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { type RefObject, useEffect, useState } from 'react';

/**
 * An xterm.js terminal in `hostRef`, fitted to it as it resizes, made anew for each `session` (a new object
 * each time the user connects) and disposed with it. Undefined without a session, and until the terminal for
 * this session exists (it is made in an effect, after the host is laid out).
 */
export function useXterm<Session extends object>(
  hostRef: RefObject<HTMLDivElement | null>,
  session: Session | undefined,
): Terminal | undefined {
  const [made, setMade] = useState<{ session: Session; terminal: Terminal }>();
  useEffect(() => {
    const host = hostRef.current;
    if (!session || !host) return;
    const terminal = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 13, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host);
    const fitToHost = (): void => {
      try {
        fit.fit();
      } catch {
        // A host with no size yet (hidden tab): the observer fits it once it has one.
      }
    };
    fitToHost();
    const observer = new ResizeObserver(fitToHost);
    observer.observe(host);
    setMade({ session, terminal });
    return () => {
      observer.disconnect();
      terminal.dispose();
    };
  }, [hostRef, session]);
  return made !== undefined && made.session === session ? made.terminal : undefined;
}
