import { Alert, Button, Group } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';

import type { IpcError, IpcErrorData } from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';

/** A dialog form's buttons, at its end: Cancel, then the submit button that says what the form does. */
export function FormActions({
  submit,
  busy,
  onCancel,
  disabled,
  submitTestId,
}: {
  /** `Pull`, `Tag`, `Build`. */
  submit: string;
  busy: boolean;
  /** No Cancel button when not given (a form inside a page or a details view). */
  onCancel?: () => void;
  /** @default false: a form that checks on submit (`useCheckedSubmit`) keeps its button enabled. */
  disabled?: boolean;
  submitTestId?: string;
}) {
  return (
    <Group justify="flex-end">
      {onCancel !== undefined && (
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      )}
      <Button type="submit" loading={busy} disabled={disabled} data-testid={submitTestId}>
        {submit}
      </Button>
    </Group>
  );
}

/** Why a form's action failed, above its buttons; nothing while it has not. */
export function FormFailure({
  failure,
  title,
  testId,
}: {
  failure: IpcErrorData | null | undefined;
  /** `The build did not start`. */
  title: string;
  testId: string;
}) {
  if (failure === null || failure === undefined) return null;
  return (
    <Alert color="red" title={title} data-testid={testId} data-error-code={failure.code}>
      {failure.message}
    </Alert>
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

/**
 * A form's submit whose failure shows in the form (`FormFailure`): nothing is sent while `invalid`; otherwise the
 * form is busy while `action` runs, and what it threw is kept until the next try or `clearFailure`.
 */
export function useSubmitShowingFailure(
  invalid: boolean,
  action: () => Promise<void>,
): {
  busy: boolean;
  failure: IpcError | null;
  clearFailure: () => void;
  onSubmit: (event: FormEvent) => void;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const run = async () => {
    if (invalid) return;
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(toIpcError(error));
    } finally {
      setBusy(false);
    }
  };
  // Stable, so a dialog's reset effect can depend on it.
  const clearFailure = useCallback(() => setFailure(null), []);
  return {
    busy,
    failure,
    clearFailure,
    onSubmit: (event) => {
      event.preventDefault();
      void run();
    },
  };
}
