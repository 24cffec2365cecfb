import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAppProtocolHandler } from '../../../electron/main/security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security/policy';

let base: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'berth-protocol-'));
  mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>Berth</title>');
  writeFileSync(join(base, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'top secret');
  handler = createAppProtocolHandler(join(base, 'renderer'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('createAppProtocolHandler', () => {
  it('serves the entry page with the CSP and nosniff', async () => {
    const response = await handler(new Request('app://berth/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Berth</title>');
  });

  it('serves assets with their content type', async () => {
    const response = await handler(new Request('app://berth/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });

  it('serves index.html for the root', async () => {
    expect((await handler(new Request('app://berth/'))).status).toBe(200);
  });

  it.each([
    'app://berth/../secret.txt',
    'app://berth/%2e%2e/secret.txt',
    'app://berth/assets/..%2f..%2fsecret.txt',
    'app://berth/%2e%2e%2fsecret.txt',
    'app://berth/..%5csecret.txt',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('top secret');
  });

  it('answers 404 for other hosts and missing files, 405 for writes, 400 for bad encodings', async () => {
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://berth/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://berth/index.html', { method: 'POST', body: 'x' }))).status).toBe(
      405,
    );
    expect((await handler(new Request('app://berth/%E0%A4%A'))).status).toBe(400);
  });
});
