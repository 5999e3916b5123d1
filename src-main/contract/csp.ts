/**
 * The renderer's Content Security Policy: only the app's own scripts, styles
 * and connections; no inline script, no eval, no plugins, no framing.
 * Sent as a header by Electron's app:// handler and by the browser host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
