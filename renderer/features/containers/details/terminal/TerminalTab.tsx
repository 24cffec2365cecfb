import '@xterm/xterm/css/xterm.css';

import { Button, Group, Select, TextInput } from '@mantine/core';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';

import { type EngineId, type ExecStartRequest, IpcEvent } from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { useApi } from '../use-api';
import classes from './TerminalTab.module.css';

export interface TerminalTabProps {
  engineId: EngineId;
  id: string;
  /** The container has a TTY, so its main process can be attached. */
  tty: boolean;
}

type Mode = 'sh' | 'bash' | 'custom' | 'attach';

/** Splits a custom command line on whitespace (quotes are not interpreted: wrap in `sh -c` for that). */
function commandOf(mode: Mode, custom: string): string[] {
  if (mode === 'custom') return custom.trim().split(/\s+/).filter(Boolean);
  return [mode === 'bash' ? 'bash' : 'sh'];
}

/**
 * A terminal into the container: a TTY exec of `sh`, `bash` or a custom command (as a user, in a folder), or an
 * attach to the main process of a TTY container. Errors — a shell that does not exist included — are written
 * into the terminal itself.
 */
export function TerminalTab({ engineId, id, tty }: TerminalTabProps) {
  const api = useApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<Mode>('sh');
  const [custom, setCustom] = useState('');
  const [user, setUser] = useState('');
  const [workingDir, setWorkingDir] = useState('');
  const [session, setSession] = useState<{ key: number; request: ExecStartRequest } | undefined>();
  const [running, setRunning] = useState(false);

  useEffect(() => {
    const host = hostRef.current;
    if (!session || !host) return;
    const terminal = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 13, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host);
    try {
      fit.fit();
    } catch {
      // A host with no size yet (hidden tab): the observer fits it once it has one.
    }
    let sessionId: string | undefined;
    let disposed = false;
    const offOutput = api.events.on(IpcEvent.ExecOutputReceived, (output) => {
      if (output.sessionId === sessionId) terminal.write(output.data);
    });
    const offEnded = api.events.on(IpcEvent.ExecEnded, (ended) => {
      if (ended.sessionId !== sessionId) return;
      sessionId = undefined;
      setRunning(false);
      const code = ended.exitCode === undefined ? '' : ` with code ${ended.exitCode}`;
      terminal.write(
        `\r\n\u001b[2m[${ended.error ? ended.error.message : `process exited${code}`}]\u001b[0m\r\n`,
      );
    });
    const input = terminal.onData((data) => {
      if (sessionId !== undefined) void api.exec.input(sessionId, data).catch(() => undefined);
    });
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const resize = terminal.onResize(({ cols, rows }) => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (sessionId !== undefined) void api.exec.resize({ sessionId, cols, rows }).catch(() => undefined);
      }, 100);
    });
    const observer = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Not laid out.
      }
    });
    observer.observe(host);
    setRunning(true);
    api.exec
      .start({ ...session.request, cols: terminal.cols, rows: terminal.rows })
      .then((started) => {
        if (disposed) {
          void api.exec.close(started.sessionId).catch(() => undefined);
          return;
        }
        sessionId = started.sessionId;
        terminal.focus();
      })
      .catch((caught: unknown) => {
        setRunning(false);
        terminal.write(`\u001b[31m${toIpcError(caught).message}\u001b[0m\r\n`);
      });
    return () => {
      disposed = true;
      clearTimeout(resizeTimer);
      observer.disconnect();
      offOutput();
      offEnded();
      input.dispose();
      resize.dispose();
      if (sessionId !== undefined) void api.exec.close(sessionId).catch(() => undefined);
      terminal.dispose();
    };
  }, [api, session]);

  const connect = (): void => {
    const base = { engineId, id, cols: 80, rows: 24 };
    const request: ExecStartRequest =
      mode === 'attach'
        ? { ...base, kind: 'attach' }
        : {
            ...base,
            kind: 'exec',
            cmd: commandOf(mode, custom),
            ...(user.trim() ? { user: user.trim() } : {}),
            ...(workingDir.trim() ? { workingDir: workingDir.trim() } : {}),
          };
    setSession((current) => ({ key: (current?.key ?? 0) + 1, request }));
  };

  return (
    <div className={classes.root} data-testid="terminal-tab">
      <Group gap="xs" align="flex-end">
        <Select
          size="xs"
          label="Shell"
          value={mode}
          onChange={(value) => value !== null && setMode(value as Mode)}
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
            value={custom}
            onChange={(e) => setCustom(e.currentTarget.value)}
          />
        )}
        {mode !== 'attach' && (
          <>
            <TextInput
              size="xs"
              label="User"
              placeholder="default"
              value={user}
              onChange={(e) => setUser(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              label="Working directory"
              placeholder="default"
              value={workingDir}
              onChange={(e) => setWorkingDir(e.currentTarget.value)}
            />
          </>
        )}
        <Button size="xs" onClick={connect} disabled={mode === 'custom' && custom.trim() === ''}>
          {running ? 'Restart' : 'Connect'}
        </Button>
        {running && (
          <Button size="xs" variant="light" color="gray" onClick={() => setSession(undefined)}>
            Close
          </Button>
        )}
      </Group>
      <div ref={hostRef} className={classes.terminal} data-testid="terminal" />
    </div>
  );
}
