import { describe, expect, it } from 'vitest';

import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAppUrl,
  isPermissionGranted,
  isSafeExternalUrl,
} from '../../../electron/main/security/policy';

describe('isAppUrl / isAllowedNavigation', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://berth/', true],
    ['app://berth/assets/index.js', true],
    ['app://evil/index.html', false],
    ['app://berth.evil.com/index.html', false],
    ['https://berth/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['http://127.0.0.1:8080/', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
    expect(isAllowedNavigation(url)).toBe(expected);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['http://localhost:8080/', true],
    ['https://example.com/path?q=1', true],
    ['http://0.0.0.0:3000', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['app://berth/index.html', false],
    ['smb://host/share', false],
    ['https://user:pass@example.com/', false],
    ['http://', false],
    ['//example.com', false],
    ['  https://example.com', true],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('isPermissionGranted', () => {
  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies %s',
    (permission) => {
      expect(isPermissionGranted(permission)).toBe(false);
    },
  );
});
