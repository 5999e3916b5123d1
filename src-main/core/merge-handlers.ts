/**
 * Joins the domains' handler sets into one map, refusing a method named twice.
 * A plain object spread would let the later set silently win, access rule and
 * all (issue #8 item 8), so a second registration is a startup error instead.
 */

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export class DuplicateHandlerError extends Error {
  constructor(readonly method: string) {
    super(`The contract method '${method}' has two handlers; each method must be registered exactly once.`);
    this.name = 'DuplicateHandlerError';
  }
}

export function mergeHandlers<T extends readonly object[]>(...sets: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const set of sets) {
    for (const [method, def] of Object.entries(set)) {
      if (Object.hasOwn(merged, method)) throw new DuplicateHandlerError(method);
      merged[method] = def;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}
