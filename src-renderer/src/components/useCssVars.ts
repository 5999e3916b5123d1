import { useLayoutEffect, type RefObject } from 'react';

/**
 * Sets CSS custom properties on an element from script. The CSP forbids inline
 * style attributes in markup; setting properties through the CSSOM is allowed,
 * and keeping every dynamic value in a `--var` keeps the styling in the CSS files.
 */
export function useCssVars(ref: RefObject<HTMLElement | null>, vars: Record<`--${string}`, string>): void {
  const key = JSON.stringify(vars);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    for (const [name, value] of Object.entries(JSON.parse(key) as Record<string, string>)) {
      el.style.setProperty(name, value);
    }
  }, [ref, key]);
}
