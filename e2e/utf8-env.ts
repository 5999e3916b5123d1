/**
 * The environment the browser (or Electron) is started with: this process's,
 * with a UTF-8 locale when it has none.
 *
 * Chromium converts file paths through the C library's locale. With none set
 * (LANG unset, as under `env -i` in CI) a path with any non-ASCII character,
 * such as the curly apostrophe some test titles put into their output folder,
 * or a client's name in a folder of photos, silently cannot be given to a file
 * input. Every desktop session has a UTF-8 locale; the tests run with one too.
 */
function hasUtf8Locale(env: NodeJS.ProcessEnv): boolean {
  const effective = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(effective);
}

export function utf8Env(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  if (!hasUtf8Locale(env)) out.LC_ALL = 'C.UTF-8';
  return out;
}
