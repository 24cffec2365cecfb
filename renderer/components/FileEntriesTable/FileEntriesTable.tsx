import { ActionIcon, Table, type TableProps } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** What the container file browser and the volume browser both list. */
interface FileEntry {
  name: string;
  path: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** Bytes (files only). */
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  /** Epoch milliseconds. */
  modified: number;
}

interface FileEntriesTableProps<E extends FileEntry> {
  entries: readonly E[];
  /** The Name cell: a link into folders, the name otherwise. */
  renderName: (entry: E) => ReactNode;
  /** A file's size (folders and links show none). */
  formatSize: (bytes: number) => string;
  formatMode: (entry: E) => string;
  /** Files and folders can be downloaded; links and others cannot. */
  onDownload: (entry: E) => void;
  /** Density and label of the table. @default striped, highlighted on hover */
  tableProps?: TableProps;
  /** Attributes of an entry's row (test ids, data attributes). */
  rowProps?: (entry: E) => Record<string, string>;
  /** Class names of the mode and modified cells. */
  classNames?: { mode?: string; modified?: string };
}

/**
 * One folder's entries as a table — name, size, mode, modified, download — for every file browser in Berth
 * (a container's files, a volume's files).
 */
export function FileEntriesTable<E extends FileEntry>(props: FileEntriesTableProps<E>) {
  const { classNames = {} } = props;
  return (
    <Table striped highlightOnHover {...props.tableProps}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>Mode</Table.Th>
          <Table.Th>Modified</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.entries.map((entry) => (
          <Table.Tr key={entry.path} {...props.rowProps?.(entry)}>
            <Table.Td>{props.renderName(entry)}</Table.Td>
            <Table.Td>{entry.kind === 'file' ? props.formatSize(entry.size) : ''}</Table.Td>
            <Table.Td className={classNames.mode}>{props.formatMode(entry)}</Table.Td>
            <Table.Td className={classNames.modified}>{new Date(entry.modified).toLocaleString()}</Table.Td>
            <Table.Td>
              {(entry.kind === 'file' || entry.kind === 'directory') && (
                <ActionIcon aria-label={`Download ${entry.name}`} onClick={() => props.onDownload(entry)}>
                  <IconDownload size={16} aria-hidden />
                </ActionIcon>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
