import { useEffect, useState } from 'react';

/**
 * The current time in epoch ms, refreshed every `intervalMs` while the page is visible: enough for
 * "5 minutes ago" labels without waking a hidden window.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const tick = () => setNow(Date.now());
    const schedule = () => {
      clearInterval(timer);
      timer = undefined;
      if (document.hidden) return;
      tick();
      timer = setInterval(tick, intervalMs);
    };
    schedule();
    document.addEventListener('visibilitychange', schedule);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', schedule);
    };
  }, [intervalMs]);

  return now;
}
