import { Button, Group } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';

/** A dialog form's buttons, at its end: Cancel, then the submit button that says what the form does. */
export function FormActions({
  submit,
  busy,
  onCancel,
}: {
  /** `Pull`, `Tag`, `Build`. */
  submit: string;
  busy: boolean;
  onCancel: () => void;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={busy}>
        {submit}
      </Button>
    </Group>
  );
}

/**
 * A form's submit that checks first: a problem shows once the form was submitted (or a field left, `touch`) and
 * stops it there; otherwise `action` runs and the form is busy until it settles. `reset` forgets the attempt, for
 * a dialog opened again.
 */
export function useCheckedSubmit(
  invalid: boolean,
  action: () => Promise<void>,
): {
  touched: boolean;
  touch: () => void;
  reset: () => void;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
} {
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  // Stable, so a dialog's reset effect can depend on it.
  const touch = useCallback(() => setTouched(true), []);
  const reset = useCallback(() => setTouched(false), []);
  return {
    touched,
    touch,
    reset,
    busy,
    onSubmit: (event) => {
      event.preventDefault();
      void run();
    },
  };
}
