import { ActionIcon, Button, Code, Group, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';

import {
  type ContainerInspectView,
  type EngineId,
  MASKED_VALUE,
} from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { showErrorNotification } from '../../../../lib/notify';
import { useApi } from '../use-api';

interface InspectTabProps {
  engineId: EngineId;
  id: string;
}

/** The full inspect JSON (env values masked until revealed one by one), searchable and copyable. */
export function InspectTab({ engineId, id }: InspectTabProps) {
  const api = useApi();
  const [view, setView] = useState<ContainerInspectView>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [revealed, setRevealed] = useState<Record<string, string>>({});

  useEffect(() => {
    let current = true;
    api.containers.inspect({ engineId, id }).then(
      (result) => current && setView(result),
      (caught: unknown) => current && setError(toIpcError(caught).message),
    );
    return () => {
      current = false;
    };
  }, [api, engineId, id]);

  const json = useMemo(() => (view ? JSON.stringify(view.inspect, null, 2) : ''), [view]);
  const lines = useMemo(() => json.split('\n'), [json]);
  const lower = query.toLowerCase();
  const env = ((view?.inspect.Config as { Env?: unknown } | undefined)?.Env ?? []) as unknown[];
  const keys = env
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => entry.split('=')[0] ?? '');

  const reveal = (key: string): void => {
    api.containers.revealEnv({ engineId, id, key }).then(
      (value) => setRevealed((current) => ({ ...current, [key]: value })),
      (caught: unknown) => showErrorNotification(toIpcError(caught), `Could not reveal ${key}`),
    );
  };
  const copy = (): void => {
    void navigator.clipboard
      .writeText(json)
      .catch((caught: unknown) => showErrorNotification(toIpcError(caught), 'Could not copy'));
  };

  if (error !== undefined) return <Text c="red">{error}</Text>;
  if (!view) return <Text c="dimmed">Loading…</Text>;
  return (
    <div data-testid="inspect-tab">
      <Group gap="xs" mb="xs">
        <TextInput
          size="xs"
          placeholder="Search"
          aria-label="Search the inspect output"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <ActionIcon aria-label="Copy inspect JSON" onClick={copy}>
          <IconCopy size={16} aria-hidden />
        </ActionIcon>
        <Text size="xs" c="dimmed">
          Environment values show as {MASKED_VALUE} until revealed; copying keeps them masked.
        </Text>
      </Group>
      {keys.length > 0 && (
        <Table mb="sm" data-testid="env-table">
          <Table.Tbody>
            {keys.map((key) => (
              <Table.Tr key={key}>
                <Table.Td>
                  <Code>{key}</Code>
                </Table.Td>
                <Table.Td>
                  {revealed[key] !== undefined ? <Code>{revealed[key]}</Code> : MASKED_VALUE}
                </Table.Td>
                <Table.Td>
                  {revealed[key] === undefined && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => reveal(key)}
                      aria-label={`Reveal ${key}`}
                    >
                      Reveal
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ScrollArea.Autosize mah={600}>
        <Code block>
          {lines.map((line, index) => {
            const at = lower === '' ? -1 : line.toLowerCase().indexOf(lower);
            return (
              <div key={index}>
                {at === -1 ? (
                  line
                ) : (
                  <>
                    {line.slice(0, at)}
                    <mark>{line.slice(at, at + query.length)}</mark>
                    {line.slice(at + query.length)}
                  </>
                )}
              </div>
            );
          })}
        </Code>
      </ScrollArea.Autosize>
    </div>
  );
}
