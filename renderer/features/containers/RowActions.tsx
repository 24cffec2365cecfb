import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPlayerPlay, IconPlayerStop, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';

import type { ContainerSummary } from '../../../electron/common/bridge';
import type { PendingAction } from './containers-store';
import classes from './ContainerTable.module.css';
import { PinToTrayMenuItem } from './PinToTray';
import { canKill, canPause, canRestart, canStart, canStop, canUnpause } from './presentation';

/** What a row's buttons and menu ask the page to do with one container. */
export type RowAction =
  | 'start'
  | 'stop'
  | 'stopWithTimeout'
  | 'restart'
  | 'pause'
  | 'unpause'
  | 'kill'
  | 'rename'
  | 'remove'
  | 'details'
  | 'logs';

/**
 * A row's "more actions" menu, mounted on first use: a Mantine Menu carries a floating-UI popover, and a
 * screenful of rows each mounting one would cost more than the rest of the row.
 */
function LazyMenu({
  label,
  disabled,
  loading,
  children,
}: {
  label: string;
  disabled: boolean;
  loading: boolean;
  children: ReactNode;
}) {
  const [used, setUsed] = useState(false);
  const button = (
    <ActionIcon aria-label={label} disabled={disabled} loading={loading} onClick={() => setUsed(true)}>
      <IconDots size={18} aria-hidden />
    </ActionIcon>
  );
  if (!used) return button;
  return (
    <Menu position="bottom-end" withinPortal defaultOpened>
      <Menu.Target>{button}</Menu.Target>
      {children}
    </Menu>
  );
}

/** The buttons every row shows, in order: what they do, how they look, when they are allowed. */
const ROW_BUTTONS = [
  {
    action: 'start',
    verb: 'Start',
    color: 'green',
    Icon: IconPlayerPlay,
    pending: 'starting',
    allowed: canStart,
  },
  {
    action: 'stop',
    verb: 'Stop',
    color: 'orange',
    Icon: IconPlayerStop,
    pending: 'stopping',
    allowed: canStop,
  },
  {
    action: 'remove',
    verb: 'Remove',
    color: 'red',
    Icon: IconTrash,
    pending: 'removing',
    allowed: () => true,
  },
] as const satisfies readonly {
  action: RowAction;
  verb: string;
  color: string;
  Icon: typeof IconTrash;
  pending: PendingAction;
  allowed: (state: ContainerSummary['state']) => boolean;
}[];

/** A row's start/stop/remove buttons and its "more actions" menu. */
export function RowActions({
  container,
  label,
  pending,
  stale,
  onAction,
}: {
  container: ContainerSummary;
  label: string;
  pending: PendingAction | undefined;
  stale: boolean;
  onAction: (action: RowAction, container: ContainerSummary) => void;
}) {
  const busy = pending !== undefined || stale;
  const { state, name } = container;
  const act = (action: RowAction) => () => onAction(action, container);
  return (
    <div className={classes.actions}>
      {ROW_BUTTONS.map((button) => (
        <ActionIcon
          key={button.action}
          aria-label={`${button.verb} ${label}`}
          color={button.color}
          disabled={busy || !button.allowed(state)}
          loading={pending === button.pending}
          onClick={act(button.action)}
        >
          <button.Icon size={18} aria-hidden />
        </ActionIcon>
      ))}
      <LazyMenu label={`More actions for ${label}`} disabled={stale} loading={busy && !stale}>
        <Menu.Dropdown>
          <Menu.Item onClick={act('logs')}>Logs</Menu.Item>
          <Menu.Item onClick={act('details')}>Details</Menu.Item>
          <Menu.Divider />
          <Menu.Item disabled={busy || !canStart(state)} onClick={act('start')}>
            Start
          </Menu.Item>
          <Menu.Item disabled={busy || !canStop(state)} onClick={act('stop')}>
            Stop
          </Menu.Item>
          <Menu.Item disabled={busy || !canStop(state)} onClick={act('stopWithTimeout')}>
            Stop with timeout…
          </Menu.Item>
          <Menu.Item disabled={busy || !canRestart(state)} onClick={act('restart')}>
            Restart
          </Menu.Item>
          {canUnpause(state) ? (
            <Menu.Item disabled={busy} onClick={act('unpause')}>
              Unpause
            </Menu.Item>
          ) : (
            <Menu.Item disabled={busy || !canPause(state)} onClick={act('pause')}>
              Pause
            </Menu.Item>
          )}
          <Menu.Item color="red" disabled={busy || !canKill(state)} onClick={act('kill')}>
            Kill…
          </Menu.Item>
          <Menu.Item disabled={busy} onClick={act('rename')}>
            Rename…
          </Menu.Item>
          <PinToTrayMenuItem engineId={container.engineId} name={name} />
          <Menu.Divider />
          <Menu.Item color="red" disabled={busy} onClick={act('remove')}>
            Remove…
          </Menu.Item>
        </Menu.Dropdown>
      </LazyMenu>
    </div>
  );
}
