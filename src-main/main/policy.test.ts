import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_RESPONSE_HEADERS,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  devContentSecurityPolicy,
  devRendererOrigin,
  isCallPayload,
  isCancelPayload,
  isClientRoute,
  isTrustedRendererUrl,
  isTrustedSender,
  isVettedExternalUrl,
  loggableMethod,
  resolveRendererAsset,
  type SenderFacts,
} from './policy';

const DEV = 'http://localhost:5173';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is strict: own files only, no inline code, no plugins, no framing', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(directives).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|http:|https:/);
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes only what the Vite dev server needs, and keeps the lock-down directives', () => {
    const dev = devContentSecurityPolicy(DEV).split('; ');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev.join('; ')).not.toContain('unsafe-eval');
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(dev).toContain(directive);
    }
  });
});

describe('devRendererOrigin', () => {
  it.each([
    ['http://localhost:5173', false, DEV],
    ['http://localhost:5173/', false, DEV],
    ['http://127.0.0.1:5174/index.html', false, 'http://127.0.0.1:5174'],
    ['http://[::1]:5173', false, 'http://[::1]:5173'],
    // A packaged app never trusts the environment.
    ['http://localhost:5173', true, null],
    // Only loopback, only http(s), no credentials.
    ['http://evil.example:5173', false, null],
    ['http://localhost.evil.example:5173', false, null],
    ['file:///tmp/index.html', false, null],
    ['http://user:pw@localhost:5173', false, null],
    ['not a url', false, null],
    [undefined, false, null],
    ['', false, null],
  ])('%s (packaged: %s) -> %s', (value, packaged, expected) => {
    expect(devRendererOrigin(value, packaged)).toBe(expected);
  });
});

describe('isTrustedRendererUrl', () => {
  it.each([
    ['app://clinic/index.html', null, true],
    ['app://clinic/', null, true],
    ['app://clinic/assets/index-abc.js', null, true],
    ['app://clinic/index.html#/clients', null, true],
    ['app://other/index.html', null, false],
    ['app://clinic.evil/index.html', null, false],
    ['app://user@clinic/index.html', null, false],
    ['file:///app/out/renderer/index.html', null, false],
    ['https://clinic/index.html', null, false],
    ['about:blank', null, false],
    ['data:text/html,<h1>hi</h1>', null, false],
    ['javascript:alert(1)', null, false],
    ['', null, false],
    // The dev server only when it is the configured dev origin.
    ['http://localhost:5173/', DEV, true],
    ['http://localhost:5173/index.html', DEV, true],
    ['http://localhost:5173/', null, false],
    ['http://localhost:5174/', DEV, false],
    ['https://localhost:5173/', DEV, false],
    ['http://127.0.0.1:5173/', DEV, false],
  ])('%s (dev %s) -> %s', (url, devOrigin, expected) => {
    expect(isTrustedRendererUrl(url, devOrigin)).toBe(expected);
  });

  it('rejects non-strings', () => {
    expect(isTrustedRendererUrl(undefined)).toBe(false);
    expect(isTrustedRendererUrl({ href: 'app://clinic/' })).toBe(false);
  });
});

describe('isVettedExternalUrl', () => {
  it.each([
    ['https://ico.org.uk/for-organisations/', true],
    ['https://www.gov.uk/government/organisations/medicines-and-healthcare-products-regulatory-agency', true],
    ['https://yellowcard.mhra.gov.uk/', true],
    ['https://www.legislation.gov.uk/ukpga/2018/12/contents', true],
    ['https://ICO.ORG.UK/', true],
    ['https://ico.org.uk:443/', true],
    ['http://ico.org.uk/', false],
    ['https://ico.org.uk.evil.example/', false],
    ['https://evil.example/?https://ico.org.uk/', false],
    ['https://sub.ico.org.uk/', false],
    ['https://gov.uk/', false],
    ['https://ico.org.uk:8443/', false],
    ['https://user:pw@ico.org.uk/', false],
    ['https://user@ico.org.uk/', false],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['ms-msdt:/id', false],
    ['javascript:alert(1)', false],
    ['app://clinic/index.html', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isVettedExternalUrl(url)).toBe(expected);
  });
});

describe('isCallPayload', () => {
  it.each([
    [{ method: 'app.status' }, true],
    [{ method: 'app.status', input: undefined }, true],
    [{ method: 'staff.add', input: { username: 'x' } }, true],
    [{ method: '' }, false],
    [{ method: 'x'.repeat(65) }, false],
    [{ method: 42 }, false],
    [{ input: {} }, false],
    [{ method: 'app.status', extra: 1 }, false],
    [{ method: 'vault.verify', callId: 'call_1-a' }, true],
    [{ method: 'vault.verify', callId: '' }, false],
    [{ method: 'vault.verify', callId: 'has space' }, false],
    [{ method: 'vault.verify', callId: 'x'.repeat(65) }, false],
    [{ method: 'vault.verify', callId: 7 }, false],
    [['app.status'], false],
    ['app.status', false],
    [null, false],
    [undefined, false],
  ])('%j -> %s', (payload, expected) => {
    expect(isCallPayload(payload)).toBe(expected);
  });
});

describe('isCancelPayload', () => {
  it.each([
    [{ callId: 'call_1' }, true],
    [{ callId: 'call 1' }, false],
    [{ callId: 'call_1', method: 'x' }, false],
    [{}, false],
    [['call_1'], false],
    [null, false],
  ])('%j -> %s', (payload, expected) => {
    expect(isCancelPayload(payload)).toBe(expected);
  });
});

describe('loggableMethod', () => {
  it('keeps contract-like names and hides anything else', () => {
    expect(loggableMethod('session.signIn')).toBe('session.signIn');
    expect(loggableMethod('Jane Smith, DOB 01/02/1980')).toBe('<invalid>');
    expect(loggableMethod(undefined)).toBe('<invalid>');
  });
});

describe('isTrustedSender', () => {
  const good: SenderFacts = {
    hasFrame: true,
    isOurWindow: true,
    isMainFrame: true,
    frameUrl: 'app://clinic/index.html',
  };

  it('accepts our window main frame on our page', () => {
    expect(isTrustedSender(good, null)).toBe(true);
  });

  it.each<[string, Partial<SenderFacts>]>([
    ['a frame that has gone', { hasFrame: false }],
    ['another WebContents', { isOurWindow: false }],
    ['an iframe', { isMainFrame: false }],
    ['a foreign page', { frameUrl: 'https://evil.example/' }],
    ['the dev server when not in dev', { frameUrl: 'http://localhost:5173/' }],
  ])('refuses %s', (_label, change) => {
    expect(isTrustedSender({ ...good, ...change }, null)).toBe(false);
  });

  it('accepts the dev server in dev', () => {
    expect(isTrustedSender({ ...good, frameUrl: 'http://localhost:5173/' }, DEV)).toBe(true);
  });
});

describe('resolveRendererAsset', () => {
  const root = '/app/out/renderer';

  it.each([
    ['app://clinic/', '/app/out/renderer/index.html'],
    ['app://clinic/index.html', '/app/out/renderer/index.html'],
    ['app://clinic/assets/index-abc.js', '/app/out/renderer/assets/index-abc.js'],
    ['app://clinic/assets/a%20b.css', '/app/out/renderer/assets/a b.css'],
    ['app://clinic/index.html?x=1#y', '/app/out/renderer/index.html'],
    // The URL parser folds these away before we see them; they stay inside.
    ['app://clinic/assets/../index.html', '/app/out/renderer/index.html'],
    ['app://clinic/../../etc/passwd', '/app/out/renderer/etc/passwd'],
    ['app://clinic/%2e%2e/%2e%2e/etc/passwd', '/app/out/renderer/etc/passwd'],
  ])('%s -> %s', (url, expected) => {
    expect(resolveRendererAsset(root, url, path.posix)).toBe(expected);
  });

  it.each([
    'app://clinic/..%2f..%2fetc%2fpasswd',
    'app://clinic/assets%2f..%2f..%2fsecret',
    'app://clinic/%2e%2e%2fsecret',
    'app://clinic/..%2frenderer-evil/x.js',
    'app://clinic/index.html%00.png',
    'app://clinic/%E0%A4%A',
    'app://other/index.html',
    'file:///app/out/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererAsset(root, url, path.posix)).toBeNull();
  });

  it('applies the Windows rules too: backslashes and drive letters', () => {
    const winRoot = 'C:\\Program Files\\Clinic Vault\\resources\\app.asar\\out\\renderer';
    expect(resolveRendererAsset(winRoot, 'app://clinic/assets/a.js', path.win32)).toBe(
      `${winRoot}\\assets\\a.js`,
    );
    expect(resolveRendererAsset(winRoot, 'app://clinic/..%5c..%5csecret.txt', path.win32)).toBeNull();
    expect(resolveRendererAsset(winRoot, 'app://clinic/C:%5cWindows%5cwin.ini', path.win32)).toBeNull();
    expect(resolveRendererAsset(winRoot, 'app://clinic/D:secret', path.win32)).toBeNull();
    // A UNC-looking path loses its leading separators and stays inside the root.
    expect(resolveRendererAsset(winRoot, 'app://clinic/%5c%5cserver%5cshare%5cx', path.win32)).toBe(
      `${winRoot}\\server\\share\\x`,
    );
  });
});

describe('isClientRoute', () => {
  it('treats extension-less paths as routes and files as files', () => {
    expect(isClientRoute('app://clinic/clients/123')).toBe(true);
    expect(isClientRoute('app://clinic/')).toBe(true);
    expect(isClientRoute('app://clinic/assets/missing.js')).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['/x/index.html', 'text/html; charset=utf-8'],
    ['/x/a.JS', 'text/javascript; charset=utf-8'],
    ['/x/a.css', 'text/css; charset=utf-8'],
    ['/x/font.woff2', 'font/woff2'],
    ['/x/unknown.bin', 'application/octet-stream'],
    ['/x/noext', 'application/octet-stream'],
  ])('%s -> %s', (file, expected) => {
    expect(contentTypeFor(file)).toBe(expected);
  });
});
