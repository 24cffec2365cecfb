import { Alert, Button, Code, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { HostsFileProblem } from '../../../electron/common/bridge';
import { useStores } from '../../stores/StoresProvider';
import { useHostActions } from './use-hosts';

/**
 * Berth's saved hosts could not be read: none are listed, and main will not write the file until it can read it
 * again. Says where the file is and why, and reads it again on Retry (after the user fixed or moved it).
 */
export function HostsFileBanner() {
  const { api } = useStores();
  const { refresh } = useHostActions();
  const [problem, setProblem] = useState<HostsFileProblem | null>(null);
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    let live = true;
    api.hosts.fileProblem().then(
      (found) => live && setProblem(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (problem === null) return null;
  const retry = async () => {
    setRetrying(true);
    try {
      const left = await api.hosts.retryFile();
      setProblem(left);
      if (left === null) await refresh();
    } finally {
      setRetrying(false);
    }
  };
  return (
    <Alert color="red" title="Your saved hosts could not be read" data-testid="hosts-file-problem" mb="sm">
      <Text size="sm">
        <Code>{problem.file}</Code>: {problem.reason}. Hosts you added in Berth are not shown, and Berth does
        not change that file until it can read it, so adding or removing a host is refused meanwhile. Fix or
        move the file, then retry.
      </Text>
      <Group mt="xs">
        <Button size="xs" variant="light" color="red" loading={retrying} onClick={() => void retry()}>
          Retry
        </Button>
      </Group>
    </Alert>
  );
}
