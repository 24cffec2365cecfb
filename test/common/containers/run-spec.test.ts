import { describe, expect, it } from 'vitest';

import type { PortPublish, RunSpec } from '../../../electron/common/containers/run';
import {
  dockerRunArgs,
  dockerRunCommand,
  formatMount,
  shellQuote,
} from '../../../electron/common/containers/run-command';
import {
  formatPortPublish,
  isIpAddress,
  isValidContainerName,
  mountProblems,
  parseEnvEntry,
  parseEnvLines,
  parsePortPublish,
  runSpecProblems,
  splitCommandLine,
} from '../../../electron/common/containers/run-spec';
import { runSpec as spec } from '../../fixtures/run-spec';

describe('parsePortPublish', () => {
  it.each<[string, PortPublish, string]>([
    ['80', { containerPort: { start: 80 }, protocol: 'tcp' }, '80/tcp'],
    ['8080:80', { hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'tcp' }, '8080:80/tcp'],
    [
      '127.0.0.1:8080:80/udp',
      { hostIp: '127.0.0.1', hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'udp' },
      '127.0.0.1:8080:80/udp',
    ],
    [
      '127.0.0.1::80',
      { hostIp: '127.0.0.1', containerPort: { start: 80 }, protocol: 'tcp' },
      '127.0.0.1::80/tcp',
    ],
    [
      '[::1]:8080:80',
      { hostIp: '::1', hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'tcp' },
      '[::1]:8080:80/tcp',
    ],
    [
      '8000-8001:80-81/SCTP',
      { hostPort: { start: 8000, end: 8001 }, containerPort: { start: 80, end: 81 }, protocol: 'sctp' },
      '8000-8001:80-81/sctp',
    ],
    [
      '8000-8010:80',
      { hostPort: { start: 8000, end: 8010 }, containerPort: { start: 80 }, protocol: 'tcp' },
      '8000-8010:80/tcp',
    ],
    ['53:53/udp', { hostPort: { start: 53 }, containerPort: { start: 53 }, protocol: 'udp' }, '53:53/udp'],
    [
      '5000-5000:80',
      { hostPort: { start: 5000 }, containerPort: { start: 80 }, protocol: 'tcp' },
      '5000:80/tcp',
    ],
  ])('parses %j and formats it back', (text, expected, formatted) => {
    const result = parsePortPublish(text);
    expect(result).toEqual({ ok: true, value: expected });
    if (result.ok) expect(formatPortPublish(result.value)).toBe(formatted);
  });

  it.each<[string, RegExp]>([
    ['', /not a port/],
    ['http', /not a port/],
    ['0', /out of range/],
    ['65536', /out of range/],
    ['8080:80/icmp', /not tcp, udp or sctp/],
    ['1.2.3:8080:80', /not an IP address/],
    ['300.0.0.1:8080:80', /not an IP address/],
    ['[::1:8080:80', /IPv6/],
    ['a:b:c:d', /not \[host-ip/],
    ['90-80', /ends before it starts/],
    ['8000-8002:80-81', /differ in size/],
    ['1-2000', /more than 1024/],
  ])('refuses %j', (text, message) => {
    const result = parsePortPublish(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('isIpAddress', () => {
  it.each([
    ['0.0.0.0', true],
    ['192.168.1.254', true],
    ['::', true],
    ['::1', true],
    ['fe80::1:2', true],
    ['2001:db8:0:0:0:0:0:1', true],
    ['::ffff:10.0.0.1', true],
    ['256.1.1.1', false],
    ['01.1.1.1', false],
    ['1.1.1', false],
    ['1::2::3', false],
    ['2001:db8:0:0:0:0:0:0:1', false],
    ['localhost', false],
    ['', false],
  ])('%j → %s', (text, valid) => {
    expect(isIpAddress(text)).toBe(valid);
  });
});

describe('environment', () => {
  it.each([
    ['A=1', { key: 'A', value: '1' }],
    ['EMPTY=', { key: 'EMPTY', value: '' }],
    ['URL=postgres://u:p@h/db?x=1', { key: 'URL', value: 'postgres://u:p@h/db?x=1' }],
    ['lower.case-key=v v', { key: 'lower.case-key', value: 'v v' }],
  ])('accepts %j', (text, value) => {
    expect(parseEnvEntry(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['NOVALUE', /not KEY=value/],
    ['=x', /no name/],
    ['MY KEY=x', /spaces/],
  ])('refuses %j', (text, message) => {
    const result = parseEnvEntry(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('reads lines, skips blanks and comments, and names the line of each problem', () => {
    expect(parseEnvLines('A=1\n\n# comment\n  B=2\r\nbroken\nC=a=b')).toEqual({
      entries: ['A=1', 'B=2', 'C=a=b'],
      problems: [{ line: 5, message: '“broken” is not KEY=value.' }],
    });
  });
});

describe('splitCommandLine', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['sleep 3600', ['sleep', '3600']],
    ['  sh   -c  "echo hi"  ', ['sh', '-c', 'echo hi']],
    [`sh -c 'echo "$HOME"; ls'`, ['sh', '-c', 'echo "$HOME"; ls']],
    [String.raw`echo "a \"b\" \$c \\ \n"`, ['echo', String.raw`a "b" $c \ \n`]],
    [String.raw`echo a\ b c\'d`, ['echo', 'a b', "c'd"]],
    [`echo '' ""`, ['echo', '', '']],
    [`a'b'"c"d`, ['abcd']],
  ])('splits %j', (text, words) => {
    expect(splitCommandLine(text)).toEqual({ ok: true, value: words });
  });

  it.each([`echo 'oops`, `echo "oops`])('refuses an unclosed quote in %j', (text) => {
    expect(splitCommandLine(text).ok).toBe(false);
  });
});

describe('names and mounts', () => {
  it.each([
    ['web', true],
    ['web-1.db_x', true],
    ['ab', true],
    ['a', false],
    ['-web', false],
    ['web/1', false],
    ['wéb', false],
    ['a'.repeat(256), false],
  ])('container name %j valid=%s', (name, valid) => {
    expect(isValidContainerName(name)).toBe(valid);
  });

  it.each<[Parameters<typeof mountProblems>[0], string[]]>([
    [{ type: 'volume', source: 'data', target: '/data', readOnly: false }, []],
    [{ type: 'volume', source: '', target: '/data', readOnly: false }, []],
    [{ type: 'bind', source: '/srv/www', target: '/usr/share/www', readOnly: true }, []],
    [{ type: 'bind', source: 'C:\\data', target: '/data', readOnly: false }, []],
    [{ type: 'bind', source: './www', target: '/www', readOnly: false }, ['source']],
    [{ type: 'bind', source: '', target: '/www', readOnly: false }, ['source']],
    [{ type: 'volume', source: 'bad name', target: '/data', readOnly: false }, ['source']],
    [{ type: 'volume', source: 'data', target: 'data', readOnly: false }, ['target']],
    [{ type: 'volume', source: 'data', target: '/', readOnly: false }, ['target']],
    [{ type: 'bind', source: '/a,b', target: '/x,y', readOnly: false }, ['target', 'source']],
  ])('mount %j has problems in %j', (mount, fields) => {
    expect(mountProblems(mount).map((problem) => problem.field)).toEqual(fields);
  });
});

describe('runSpecProblems', () => {
  it('accepts a complete, valid request', () => {
    expect(
      runSpecProblems(
        spec({
          name: 'web',
          command: ['nginx', '-g', 'daemon off;'],
          env: ['A=1'],
          ports: [{ hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'tcp' }],
          mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }],
          network: 'backend',
          restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
        }),
      ),
    ).toEqual([]);
  });

  it.each<[Partial<RunSpec>, string]>([
    [{ image: 'Nginx' }, 'image'],
    [{ name: 'x' }, 'name'],
    [{ env: ['A=1', 'oops'] }, 'env.1'],
    [{ network: 'bad net' }, 'network'],
    [{ ports: [{ containerPort: { start: 0 }, protocol: 'tcp' }] }, 'ports.0'],
    [{ ports: [{ containerPort: { start: 80 }, protocol: 'tcp' }], network: 'none' }, 'ports'],
    [{ ports: [{ containerPort: { start: 80 }, protocol: 'tcp' }], network: 'host' }, 'ports'],
    [{ mounts: [{ type: 'bind', source: 'rel', target: '/x', readOnly: false }] }, 'mounts.0.source'],
    [
      {
        mounts: [
          { type: 'volume', source: 'a1', target: '/x', readOnly: false },
          { type: 'volume', source: 'b1', target: '/x/', readOnly: false },
        ],
      },
      'mounts.1.target',
    ],
    [{ restartPolicy: { name: 'always', maximumRetryCount: 2 } }, 'restartPolicy'],
    [{ restartPolicy: { name: 'on-failure', maximumRetryCount: -1 } }, 'restartPolicy'],
    [{ autoRemove: true, restartPolicy: { name: 'always' } }, 'autoRemove'],
  ])('reports %j at %s', (overrides, field) => {
    expect(runSpecProblems(spec(overrides)).map((problem) => problem.field)).toEqual([field]);
  });
});

describe('the docker run command line', () => {
  it.each([
    ['plain', 'plain'],
    ['a/b:c@d', 'a/b:c@d'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['`id`;|&<>*?~#!', "'`id`;|&<>*?~#!'"],
    ['new\nline', "'new\nline'"],
  ])('quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it('is the bare minimum for a bare request', () => {
    expect(dockerRunCommand(spec())).toBe('docker run -d nginx');
  });

  it('spells every option the way the docker CLI takes it, in a stable order', () => {
    const full = spec({
      image: 'registry.local:5000/web:1.2',
      name: 'web',
      command: ['sh', '-c', 'echo "$GREETING" && sleep 1d'],
      env: ['GREETING=hello world', 'EMPTY='],
      ports: [
        { hostIp: '127.0.0.1', hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'tcp' },
        { hostIp: '::1', containerPort: { start: 53 }, protocol: 'udp' },
      ],
      mounts: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'bind', source: '/srv/my files', target: '/www', readOnly: true },
        { type: 'volume', source: '', target: '/cache', readOnly: false },
      ],
      network: 'backend',
      restartPolicy: { name: 'on-failure', maximumRetryCount: 5 },
      interactive: true,
      tty: true,
    });
    expect(dockerRunCommand(full)).toBe(
      [
        'docker run -d -it --name web --restart on-failure:5 --network backend',
        "-e 'GREETING=hello world' -e EMPTY=",
        "-p 127.0.0.1:8080:80/tcp -p '[::1]::53/udp'",
        '--mount type=volume,source=data,target=/data',
        "--mount 'type=bind,source=/srv/my files,target=/www,readonly'",
        '--mount type=volume,target=/cache',
        `registry.local:5000/web:1.2 sh -c 'echo "$GREETING" && sleep 1d'`,
      ].join(' '),
    );
  });

  it('covers -i, -t and --rm on their own', () => {
    expect(dockerRunArgs(spec({ interactive: true })).slice(2, 4)).toEqual(['-d', '-i']);
    expect(dockerRunArgs(spec({ tty: true })).slice(2, 4)).toEqual(['-d', '-t']);
    expect(dockerRunCommand(spec({ autoRemove: true, restartPolicy: { name: 'no' } }))).toBe(
      'docker run -d --rm nginx',
    );
    expect(dockerRunCommand(spec({ restartPolicy: { name: 'unless-stopped' } }))).toBe(
      'docker run -d --restart unless-stopped nginx',
    );
    expect(dockerRunCommand(spec({ restartPolicy: { name: 'on-failure', maximumRetryCount: 0 } }))).toBe(
      'docker run -d --restart on-failure nginx',
    );
  });

  it('quotes mount fields that hold a comma or a quote as CSV', () => {
    expect(formatMount({ type: 'bind', source: '/a "b"', target: '/x', readOnly: false })).toBe(
      'type=bind,"source=/a ""b""",target=/x',
    );
  });

  it('round-trips through a shell word splitter', () => {
    const tricky = spec({ command: ["it's", '$HOME', 'a\\b', 'tab\there', ''] });
    const line = dockerRunCommand(tricky);
    const split = splitCommandLine(line);
    expect(split).toEqual({ ok: true, value: dockerRunArgs(tricky) });
  });
});
