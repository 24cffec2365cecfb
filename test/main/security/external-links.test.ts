import { describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcError } from '../../../electron/common';
import { ExternalLinks } from '../../../electron/main/security/external-links';

describe('ExternalLinks', () => {
  it.each([
    ['http://localhost:8080/', 'http://localhost:8080/'],
    ['https://127.0.0.1:8443/path?q=1', 'https://127.0.0.1:8443/path?q=1'],
    ['http://[::1]:3000', 'http://[::1]:3000/'],
    ['HTTP://Example.COM:80/a b', 'http://example.com/a%20b'],
  ])('opens %j as %j', async (url, opened) => {
    const open = vi.fn(() => Promise.resolve());
    await new ExternalLinks(open).openExternal(url);
    expect(open).toHaveBeenCalledExactlyOnceWith(opened);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-settings:privacy',
    'smb://server/share',
    'ftp://example.com/',
    'chrome://settings',
    'app://berth/index.html',
    'http://user:secret@example.com/',
    'http://user@example.com/',
    '//example.com/protocol-relative',
    'localhost:8080',
    'not a url',
    '',
  ])('refuses %j without calling the opener', async (url) => {
    const open = vi.fn(() => Promise.resolve());
    const attempt = new ExternalLinks(open).openExternal(url);
    await expect(attempt).rejects.toBeInstanceOf(IpcError);
    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.Validation });
    expect(open).not.toHaveBeenCalled();
  });

  it('reports an opener failure as an IpcError naming the URL', async () => {
    const links = new ExternalLinks(() => Promise.reject(new Error('no browser')));
    await expect(links.openExternal('http://localhost:1/')).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: 'The system could not open http://localhost:1/.',
    });
  });
});
