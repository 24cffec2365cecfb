import { Code, Text, Textarea } from '@mantine/core';

import { parseKeyValueLines } from './parse';

interface KeyValueFieldProps {
  label: string;
  /** @default 'One key=value per line' */
  description?: string;
  value: string;
  onChange: (value: string) => void;
}

/** A `key=value` per line field (labels, options), showing each line's problem as it is typed. */
export function KeyValueField({
  label,
  description = 'One key=value per line',
  value,
  onChange,
}: KeyValueFieldProps) {
  const { errors } = parseKeyValueLines(value);
  return (
    <Textarea
      label={label}
      description={description}
      rows={3}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={errors.join(' ') || undefined}
    />
  );
}

/** `key=value` pairs as a titled block of code lines; nothing when there are none. */
export function KeyValuePairs({ title, pairs }: { title: string; pairs: Readonly<Record<string, string>> }) {
  const entries = Object.entries(pairs);
  if (entries.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {entries.map(([key, value]) => (
        <Code key={key} block>
          {key}={value}
        </Code>
      ))}
    </div>
  );
}
