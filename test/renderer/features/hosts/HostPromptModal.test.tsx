import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { type HostPrompt, IpcChannel } from '../../../../electron/common';
import { HostPromptModal } from '../../../../renderer/features/hosts/HostPromptModal';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';

function setUp(prompt: HostPrompt) {
  const berth = new FakeBerth();
  berth.answer(IpcChannel.HostsList, () => []);
  berth.answer(IpcChannel.HostsAnswerPrompt, () => undefined);
  render(<HostPromptModal />, { berth });
  berth.emit('hosts:promptRequested', prompt);
  return berth;
}

const passwordPrompt: Extract<HostPrompt, { kind: 'password' }> = {
  id: 'prompt-3-aaaa',
  kind: 'password',
  hostName: 'rig',
  address: 'root@build:22',
  method: 'password',
  fields: [{ label: 'Password for root@build:22', echo: false }],
  retry: false,
  attemptsLeft: 2,
};

describe('HostPromptModal: SSH login password', () => {
  it('asks in a secret field and answers with the password', async () => {
    const berth = setUp(passwordPrompt);
    const field = await screen.findByLabelText('Password for root@build:22');
    expect(screen.getByRole('dialog')).toHaveTextContent('SSH login');
    expect(field).toHaveAttribute('type', 'password');
    expect(field).toHaveAttribute('autocomplete', 'off');
    expect(screen.queryByTestId('password-wrong')).not.toBeInTheDocument();
    fireEvent.change(field, { target: { value: 'hunter2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.HostsAnswerPrompt)).toEqual([
        [{ id: 'prompt-3-aaaa', accept: true, responses: ['hunter2'] }],
      ]),
    );
  });

  it('says when the last answer was refused and how many tries are left', async () => {
    setUp({ ...passwordPrompt, retry: true, attemptsLeft: 0 });
    expect(await screen.findByTestId('password-wrong')).toHaveTextContent(
      'The server refused that answer. This is the last try.',
    );
  });

  it('Cancel declines without sending what was typed', async () => {
    const berth = setUp(passwordPrompt);
    fireEvent.change(await screen.findByLabelText('Password for root@build:22'), {
      target: { value: 'typed but cancelled' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.HostsAnswerPrompt)).toEqual([[{ id: 'prompt-3-aaaa', accept: false }]]),
    );
  });

  it('shows keyboard-interactive instructions as text and answers every question in order', async () => {
    const berth = setUp({
      ...passwordPrompt,
      method: 'keyboard-interactive',
      title: 'Two-step login',
      instructions: '<b>not markup</b>\nEnter your PIN, then the code.',
      fields: [
        { label: 'PIN:', echo: false },
        { label: 'Code:', echo: true },
      ],
    });
    expect(await screen.findByTestId('password-title')).toHaveTextContent('Two-step login');
    const instructions = screen.getByTestId('password-instructions');
    // The server's words are text, never HTML.
    expect(instructions.textContent).toBe('<b>not markup</b>\nEnter your PIN, then the code.');
    expect(instructions.querySelector('b')).toBeNull();
    expect(screen.getByLabelText('PIN:')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Code:')).not.toHaveAttribute('type', 'password');
    fireEvent.change(screen.getByLabelText('PIN:'), { target: { value: '1234' } });
    fireEvent.change(screen.getByLabelText('Code:'), { target: { value: '987654' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.HostsAnswerPrompt)).toEqual([
        [{ id: 'prompt-3-aaaa', accept: true, responses: ['1234', '987654'] }],
      ]),
    );
  });
});
