import '@xterm/xterm/css/xterm.css';

import { Button, Group, Select, TextInput } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';

import { type EngineId, ErrorCode, type ExecStartRequest } from '../../../../../electron/common/bridge';
import { execStream, useEngineStream } from '../../../../hooks/use-engine-stream';
import { useApi } from '../use-api';
import classes from './TerminalTab.module.css';
import { useXterm } from './use-xterm';

interface TerminalTabProps {
  engineId: EngineId;
  id: string;
  /** The container has a TTY, so its main process can be attached. */
  tty: boolean;
  /** Connect a shell as soon as the tab opens (the container is running). @default false */
  autoConnect?: boolean;
}

type Mode = 'sh' | 'bash' | 'custom' | 'attach';

/** What the user asked for; a new object on each Connect/Restart, so the terminal and its session start over. */
interface Session {
  request: ExecStartRequest;
}

/** Splits a custom command line on whitespace (quotes are not interpreted: wrap in `sh -c` for that). */
function commandOf(mode: Mode, custom: string): string[] {
  if (mode === 'custom') return custom.trim().split(/\s+/).filter(Boolean);
  return [mode === 'bash' ? 'bash' : 'sh'];
}

interface SessionForm {
  mode: Mode;
  custom: string;
  user: string;
  workingDir: string;
}

function requestOf(engineId: EngineId, id: string, form: SessionForm): ExecStartRequest {
  const base = { engineId, id, cols: 80, rows: 24 };
  if (form.mode === 'attach') return { ...base, kind: 'attach' };
  return {
    ...base,
    kind: 'exec',
    cmd: commandOf(form.mode, form.custom),
    ...(form.user.trim() ? { user: form.user.trim() } : {}),
    ...(form.workingDir.trim() ? { workingDir: form.workingDir.trim() } : {}),
  };
}

interface SessionControlsProps {
  form: SessionForm;
  onForm: (form: SessionForm) => void;
  tty: boolean;
  running: boolean;
  onConnect: () => void;
  onClose: () => void;
}

function SessionControls({ form, onForm, tty, running, onConnect, onClose }: SessionControlsProps) {
  const { mode } = form;
  return (
    <Group gap="xs" align="flex-end">
      <Select
        size="xs"
        label="Shell"
        value={mode}
        onChange={(value) => value !== null && onForm({ ...form, mode: value as Mode })}
        allowDeselect={false}
        data={[
          { value: 'sh', label: 'sh' },
          { value: 'bash', label: 'bash' },
          { value: 'custom', label: 'Custom command' },
          ...(tty ? [{ value: 'attach', label: 'Attach to main process' }] : []),
        ]}
      />
      {mode === 'custom' && (
        <TextInput
          size="xs"
          label="Command"
          value={form.custom}
          onChange={(e) => onForm({ ...form, custom: e.currentTarget.value })}
        />
      )}
      {mode !== 'attach' && (
        <>
          <TextInput
            size="xs"
            label="User"
            placeholder="default"
            value={form.user}
            onChange={(e) => onForm({ ...form, user: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label="Working directory"
            placeholder="default"
            value={form.workingDir}
            onChange={(e) => onForm({ ...form, workingDir: e.currentTarget.value })}
          />
        </>
      )}
      <Button size="xs" onClick={onConnect} disabled={mode === 'custom' && form.custom.trim() === ''}>
        {running ? 'Reconnect' : 'Connect'}
      </Button>
      {running && (
        <Button size="xs" variant="light" color="gray" onClick={onClose}>
          Close
        </Button>
      )}
    </Group>
  );
}

/**
 * A terminal into the container: a TTY exec of `sh`, `bash` or a custom command (as a user, in a folder), or an
 * attach to the main process of a TTY container. Errors — a shell that does not exist included — are written
 * into the terminal itself.
 */
export function TerminalTab({ engineId, id, tty, autoConnect = false }: TerminalTabProps) {
  const api = useApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<SessionForm>({ mode: 'sh', custom: '', user: '', workingDir: '' });
  const [session, setSession] = useState<Session>();
  const [running, setRunning] = useState(false);
  const terminal = useXterm(hostRef, session);

  const open = useMemo(
    () =>
      session && terminal
        ? () => api.exec.start({ ...session.request, cols: terminal.cols, rows: terminal.rows })
        : undefined,
    [api, session, terminal],
  );
  const live = useEngineStream(execStream, open, {
    onOpened: () => terminal?.focus(),
    onData: (output) => terminal?.write(output.data),
    onEnded: (ended) => {
      setRunning(false);
      const code = ended.exitCode === undefined ? '' : ` with code ${ended.exitCode}`;
      terminal?.write(
        `\r\n\u001b[2m[${ended.error ? ended.error.message : `process exited${code}`}]\u001b[0m\r\n`,
      );
      // Logs and stats resume by themselves; a shell's process went with its connection.
      if (ended.error?.code === ErrorCode.EngineUnreachable || ended.error?.code === ErrorCode.Timeout) {
        terminal?.write(
          '\u001b[33m[The connection to the host was lost, and a terminal session cannot resume. ' +
            'Press Connect to start a new one.]\u001b[0m\r\n',
        );
      }
    },
    onFailed: (error) => {
      setRunning(false);
      terminal?.write(`\u001b[31m${error.message}\u001b[0m\r\n`);
    },
  });

  // Keys go to the open session; sizes too, debounced while the user drags.
  useEffect(() => {
    if (!terminal) return;
    const input = terminal.onData((data) => {
      const sessionId = live.current;
      if (sessionId !== undefined) void api.exec.input(sessionId, data).catch(() => undefined);
    });
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const resize = terminal.onResize(({ cols, rows }) => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        const sessionId = live.current;
        if (sessionId !== undefined) void api.exec.resize({ sessionId, cols, rows }).catch(() => undefined);
      }, 100);
    });
    return () => {
      clearTimeout(resizeTimer);
      input.dispose();
      resize.dispose();
    };
  }, [api, terminal, live]);

  const connect = (): void => {
    setRunning(true);
    setSession({ request: requestOf(engineId, id, form) });
  };
  // Opened on a running container, the terminal connects by itself (once: later sessions are the user's call).
  const autoConnected = useRef(false);
  useEffect(() => {
    if (!autoConnect || autoConnected.current) return;
    autoConnected.current = true;
    setRunning(true);
    setSession({ request: requestOf(engineId, id, form) });
  }, [autoConnect, engineId, id, form]);

  return (
    <div className={classes.root} data-testid="terminal-tab">
      <SessionControls
        form={form}
        onForm={setForm}
        tty={tty}
        running={running}
        onConnect={connect}
        onClose={() => setSession(undefined)}
      />
      <div ref={hostRef} className={classes.terminal} data-testid="terminal" />
    </div>
  );
}
