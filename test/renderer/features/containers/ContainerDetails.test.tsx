import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel, IpcEvent, type LogLine, packLogLines } from '../../../../electron/common';
import { ContainerDetails } from '../../../../renderer/features/containers/details/ContainerDetails';
import { timestampToUnix } from '../../../../renderer/features/containers/details/logs/log-time';
import { screenTail, TAIL } from '../../../../renderer/features/containers/details/logs/use-log-stream';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';

function line(text: string, stream: LogLine['stream'] = 'stdout', index = 0): LogLine {
  return { stream, text, ts: `2026-01-01T00:00:${String(index % 60).padStart(2, '0')}.000000001Z` };
}

/** Details of container `abc` (named web, running, one masked env value), opened on `tab` (its default when absent). */
function setup(tab?: 'inspect') {
  const berth = new FakeBerth();
  berth.answer(IpcChannel.LogsOpen, () => ({ streamId: 'logs-1-0000000a', tty: false }));
  berth.answer(IpcChannel.LogsClose, () => undefined);
  berth.answer(IpcChannel.ContainersInspect, ({ engineId, id }) => ({
    engineId,
    id,
    name: 'web',
    tty: false,
    running: true,
    inspect: { Id: id, Config: { Env: ['TOKEN=••••'] } },
  }));
  berth.answer(IpcChannel.ContainersRevealEnv, () => 'hunter2');
  const view = render(<ContainerDetails engineId="local" id="abc" tab={tab} />, { berth });
  return { berth, ...view };
}

async function opened(berth: FakeBerth): Promise<void> {
  await waitFor(() => expect(berth.callsTo(IpcChannel.LogsOpen)).toHaveLength(1));
  await act(async () => {
    await Promise.resolve();
  });
}

function push(berth: FakeBerth, lines: LogLine[]): void {
  act(() => berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-1-0000000a', ...packLogLines(lines) }));
}

async function rows(): Promise<HTMLElement[]> {
  await act(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
  return screen.queryAllByText((_, element) => element?.hasAttribute('data-row') === true);
}

describe('ContainerDetails › Logs', () => {
  it('opens one screen of the last lines following, and closes the stream when it unmounts', async () => {
    const { berth, unmount } = setup();
    await opened(berth);
    expect(berth.callsTo(IpcChannel.LogsOpen)[0]?.[0]).toMatchObject({
      engineId: 'local',
      id: 'abc',
      tail: screenTail(),
      follow: true,
    });
    expect(screenTail()).toBeLessThan(TAIL);
    unmount();
    expect(berth.callsTo(IpcChannel.LogsClose)).toEqual([['logs-1-0000000a']]);
  });

  it('then reads up to 1,000 earlier lines in the background, up to the first line shown', async () => {
    const { berth } = setup();
    berth.answer(IpcChannel.LogsAck, () => undefined);
    await opened(berth);
    berth.answer(IpcChannel.LogsOpen, () => ({ streamId: 'logs-2-0000000b', tty: false }));
    push(berth, [line('shown', 'stdout', 5), line('next', 'stdout', 6)]);
    await rows();
    await waitFor(() => expect(berth.callsTo(IpcChannel.LogsOpen)).toHaveLength(2));
    expect(berth.callsTo(IpcChannel.LogsOpen)[1]?.[0]).toMatchObject({
      tail: 2 + TAIL - 2,
      until: timestampToUnix(line('', 'stdout', 5).ts ?? ''),
      follow: false,
    });
    // The daemon answers the last lines up to that time: the first one shown among them is not repeated.
    act(() => {
      berth.emit(IpcEvent.LogsReceived, {
        streamId: 'logs-2-0000000b',
        ...packLogLines([line('earlier', 'stdout', 3), line('shown', 'stdout', 5)]),
      });
      berth.emit(IpcEvent.LogsEnded, { streamId: 'logs-2-0000000b' });
    });
    await waitFor(async () => {
      expect((await rows()).map((row) => row.textContent)).toEqual(['earlier', 'shown', 'next']);
    });
  });

  it('acknowledges each batch once an animation frame has drawn it, so main sends the next', async () => {
    const { berth } = setup();
    berth.answer(IpcChannel.LogsAck, () => undefined);
    await opened(berth);
    expect(berth.callsTo(IpcChannel.LogsOpen)[0]?.[0]).toMatchObject({ acknowledge: true });
    push(berth, [line('one')]);
    push(berth, [line('two')]);
    expect(berth.callsTo(IpcChannel.LogsAck)).toHaveLength(0);
    await rows();
    expect(berth.callsTo(IpcChannel.LogsAck)).toEqual([['logs-1-0000000a'], ['logs-1-0000000a']]);
    push(berth, [line('three')]);
    await rows();
    expect(berth.callsTo(IpcChannel.LogsAck)).toHaveLength(3);
  });

  it('renders only a window of rows from a large buffer, stderr marked', async () => {
    const { berth } = setup();
    await opened(berth);
    push(
      berth,
      Array.from({ length: 20_000 }, (_, i) => line(`line ${i}`, i % 2 ? 'stderr' : 'stdout', i)),
    );
    const mounted = await rows();
    expect(mounted.length).toBeGreaterThan(10);
    expect(mounted.length).toBeLessThan(200);
    expect(document.querySelector('[data-stream="stderr"]')).not.toBeNull();
  });

  it('never interprets log text as HTML and drops OSC 8 links, keeping colours as classes', async () => {
    const { berth } = setup();
    await opened(berth);
    push(berth, [
      line('<img src=x onerror="window.__pwned=1"><b>bold?</b>'),
      line('\u001b]8;;javascript:alert(1)\u0007click\u001b]8;;\u0007 \u001b[31mred\u001b[0m'),
    ]);
    await rows();
    const viewport = screen.getByTestId('log-viewport');
    expect(viewport.querySelector('img, b, a')).toBeNull();
    expect(viewport.textContent).toContain('<img src=x onerror="window.__pwned=1"><b>bold?</b>');
    expect(viewport.textContent).toContain('click red');
    expect(viewport.textContent).not.toContain('javascript');
    expect(screen.getByText('red').className).toContain('fg1');
  });

  it('pauses following when scrolled up and resumes at the bottom', async () => {
    const { berth } = setup();
    await opened(berth);
    push(
      berth,
      Array.from({ length: 500 }, (_, i) => line(`l${i}`, 'stdout', i)),
    );
    await rows();
    expect(screen.getByTestId('log-state').textContent).toBe('Following');
    const viewport = screen.getByTestId('log-viewport');
    Object.defineProperty(viewport, 'scrollHeight', { configurable: true, value: 9000 });
    viewport.scrollTop = 100;
    fireEvent.scroll(viewport);
    expect(screen.getByTestId('log-state').textContent).toBe('Paused');
    viewport.scrollTop = 9000 - 720;
    fireEvent.scroll(viewport);
    expect(screen.getByTestId('log-state').textContent).toBe('Following');
  });

  it('finds matches with next and previous and highlights them', async () => {
    const { berth } = setup();
    await opened(berth);
    push(berth, [line('alpha'), line('needle one'), line('beta'), line('needle two')]);
    await rows();
    fireEvent.change(screen.getByLabelText('Search the log'), { target: { value: 'NEEDLE' } });
    fireEvent.click(screen.getByLabelText('Next match'));
    await rows();
    expect(document.querySelector('[data-current]')?.textContent).toBe('needle one');
    fireEvent.click(screen.getByLabelText('Next match'));
    await rows();
    expect(document.querySelector('[data-current]')?.textContent).toBe('needle two');
    fireEvent.click(screen.getByLabelText('Previous match'));
    await rows();
    expect(document.querySelector('[data-current]')?.textContent).toBe('needle one');
    expect(screen.getByTestId('log-match-count').textContent).toContain('2');
    expect(document.querySelectorAll('mark').length).toBeGreaterThanOrEqual(2);
  });

  it('renders a 1 MB line in chunks behind "show more"', async () => {
    const { berth } = setup();
    await opened(berth);
    push(berth, [line('x'.repeat(1_000_000))]);
    await rows();
    const row = document.querySelector('[data-row]');
    expect(row?.textContent?.length).toBeLessThan(20_100);
    expect(screen.getByRole('button', { name: /show more/ })).toBeVisible();
  });
});

describe('ContainerDetails › Inspect', () => {
  it('shows env values masked and reveals one on request', async () => {
    const { berth } = setup('inspect');
    const reveal = await screen.findByRole('button', { name: 'Reveal TOKEN' });
    expect(screen.getByTestId('inspect-tab').textContent).not.toContain('hunter2');
    fireEvent.click(reveal);
    await screen.findByText('hunter2');
    expect(berth.callsTo(IpcChannel.ContainersRevealEnv)).toEqual([
      [{ engineId: 'local', id: 'abc', key: 'TOKEN' }],
    ]);
  });
});
