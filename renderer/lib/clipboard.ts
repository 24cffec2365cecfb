/**
 * Copies text to the clipboard from a user gesture. `document.execCommand('copy')` needs no permission (the
 * window denies every permission request, including clipboard writes through `navigator.clipboard`), so it is
 * tried first; the async API is the fallback. Resolves `true` when the text was copied.
 */
export async function copyText(text: string): Promise<boolean> {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off-screen, not hidden: a hidden element cannot be selected.
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  document.body.append(area);
  area.select();
  let copied: boolean;
  try {
    copied = typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    copied = false;
  } finally {
    area.remove();
  }
  if (copied) return true;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
