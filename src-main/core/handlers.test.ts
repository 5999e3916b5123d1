/**
 * The handler map cannot be overridden by accident: each domain's set names
 * its own methods, together they cover the contract exactly, and merging two
 * sets that share a method fails loudly instead of letting the later one win.
 */
import { describe, expect, it } from 'vitest';
import { METHODS } from '../contract/schemas';
import { HANDLER_SETS, handlers } from './handlers';
import { DuplicateHandlerError, mergeHandlers } from './merge-handlers';

describe('the handler map', () => {
  it('has domain sets that share no method', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [domain, set] of Object.entries(HANDLER_SETS)) {
      for (const method of Object.keys(set)) {
        const first = owner.get(method);
        if (first) clashes.push(`${method} (${first} and ${domain})`);
        else owner.set(method, domain);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('covers every contract method once, and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
  });

  it('refuses to merge a method registered twice, naming it', () => {
    const lenient = { 'clients.get': { access: 'clients.read', run: () => 'first' } };
    const laxer = { 'clients.get': { access: 'public', run: () => 'second' } };
    expect(() => mergeHandlers(lenient, { 'clients.search': {} }, laxer)).toThrow(DuplicateHandlerError);
    expect(() => mergeHandlers(lenient, laxer)).toThrow("The contract method 'clients.get' has two handlers");
  });

  it('refuses a real domain set given twice', () => {
    expect(() => mergeHandlers(...Object.values(HANDLER_SETS), HANDLER_SETS.marketing)).toThrow(/'marketing\.export' has two handlers/);
  });

  it('merges disjoint sets into one map with every entry', () => {
    const a = { x: 1 };
    const b = { y: 2 };
    expect(mergeHandlers(a, b)).toEqual({ x: 1, y: 2 });
  });
});
