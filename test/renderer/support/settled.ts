/**
 * Resolves after every promise callback already queued has run. The fake bridge answers with promises only
 * (no timers), so this is the point where a released reply has certainly reached the store; used only to
 * check that something did *not* happen, which no event can signal.
 */
export function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
