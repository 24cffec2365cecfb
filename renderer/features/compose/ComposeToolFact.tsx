import { Alert, Badge, Code, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import type { ComposeToolInfo } from '../../../electron/common/bridge';
import { api } from '../../lib/api';

/**
 * Which Compose Berth runs against this host (it runs on this machine and acts on the host through a private
 * socket), or how to get one. Shown on Host details.
 */
export function ComposeToolFact() {
  const [tool, setTool] = useState<ComposeToolInfo | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    api.compose.tool({}).then(
      (found) => live && setTool(found),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  if (failed !== undefined) {
    return (
      <Text size="sm" c="dimmed" data-testid="compose-tool">
        Compose: {failed}
      </Text>
    );
  }
  if (tool === undefined) return null;
  if (!tool.available) {
    return (
      <Alert color="yellow" title="Docker Compose was not found" data-testid="compose-tool">
        <Text size="sm">{tool.howToGet}</Text>
        {tool.problem !== undefined && (
          <Text size="xs" c="dimmed" mt={4}>
            {tool.problem}
          </Text>
        )}
      </Alert>
    );
  }
  return (
    <Group gap="xs" data-testid="compose-tool">
      <Text size="sm" fw={600}>
        Compose
      </Text>
      <Badge variant="light" tt="none">
        {tool.kind === 'plugin' ? 'docker compose plugin' : 'docker-compose'} {tool.version}
      </Badge>
      <Code>{tool.path}</Code>
    </Group>
  );
}
