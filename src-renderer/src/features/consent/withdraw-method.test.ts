import { describe, expect, it } from 'vitest';
import { lastWithdrawMethod, rememberWithdrawMethod, WITHDRAW_METHOD_KEY } from './withdraw-method';

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('the withdraw method this desk used last', () => {
  it('starts from "in person" at a desk that has never withdrawn', () => {
    expect(lastWithdrawMethod(memoryStore())).toBe('in-person');
  });

  it('offers the method used last time at this desk', () => {
    const store = memoryStore();
    rememberWithdrawMethod('phone', store);
    expect(store.data.get(WITHDRAW_METHOD_KEY)).toBe('phone');
    expect(lastWithdrawMethod(store)).toBe('phone');
    rememberWithdrawMethod('email', store);
    expect(lastWithdrawMethod(store)).toBe('email');
  });

  it('ignores a stored value that is not a way a client tells the desk', () => {
    expect(lastWithdrawMethod(memoryStore({ [WITHDRAW_METHOD_KEY]: 'imported' }))).toBe('in-person');
    expect(lastWithdrawMethod(memoryStore({ [WITHDRAW_METHOD_KEY]: '<script>' }))).toBe('in-person');
  });

  it('works without storage, and when storage refuses', () => {
    expect(lastWithdrawMethod(null)).toBe('in-person');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(() => rememberWithdrawMethod('phone', broken)).not.toThrow();
    expect(lastWithdrawMethod(broken)).toBe('in-person');
  });
});
