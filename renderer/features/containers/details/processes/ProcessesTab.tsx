import { Button, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';

import type { ContainerProcessList, EngineId } from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { useApi } from '../use-api';

interface ProcessesTabProps {
  engineId: EngineId;
  id: string;
}

/** `docker top`: the container's processes, refreshed on request. */
export function ProcessesTab({ engineId, id }: ProcessesTabProps) {
  const api = useApi();
  const [list, setList] = useState<ContainerProcessList>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    api.containers.top({ engineId, id }).then(
      (result) => {
        setList(result);
        setError(undefined);
      },
      (caught: unknown) => setError(toIpcError(caught).message),
    );
  }, [api, engineId, id]);
  useEffect(load, [load]);

  return (
    <div data-testid="processes-tab">
      <Button size="xs" variant="light" mb="xs" onClick={load}>
        Refresh
      </Button>
      {error !== undefined && <Text c="red">{error}</Text>}
      {list && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              {list.titles.map((title) => (
                <Table.Th key={title}>{title}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.processes.map((row, index) => (
              <Table.Tr key={index}>
                {row.map((cell, column) => (
                  <Table.Td key={column}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
