import { randomBytes } from 'node:crypto';

/** Random, unguessable ids with a prefix that says what they name (st_ staff, v_ vault...). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}
