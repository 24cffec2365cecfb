import classes from './MiddleEllipsis.module.css';

/**
 * Where a reference is cut: the head gives way (with an ellipsis), the tail stays whole. For an image reference the
 * tail is its last path part with the tag (`ledger-service:2024.11.3`), at most `tailMax` characters.
 */
export function splitForMiddleEllipsis(text: string, tailMax = 20): { head: string; tail: string } {
  const slash = text.lastIndexOf('/');
  const tailStart = Math.max(slash + 1, text.length - tailMax);
  // A short text or one whose tail is all of it: nothing to keep apart.
  if (tailStart <= 0) return { head: '', tail: text };
  return { head: text.slice(0, tailStart), tail: text.slice(tailStart) };
}

/** Text cut in the middle when it does not fit (the end of an image reference says most), the whole on hover. */
export function MiddleEllipsis({ text, className }: { text: string; className?: string }) {
  const { head, tail } = splitForMiddleEllipsis(text);
  return (
    <span className={[classes.root, className].filter(Boolean).join(' ')} title={text} aria-label={text}>
      {head !== '' && (
        <span className={classes.head} aria-hidden>
          {head}
        </span>
      )}
      <span className={classes.tail} aria-hidden>
        {tail}
      </span>
    </span>
  );
}
