import type { Db } from './types';

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Consecutive from 1. */
  version: number;
  name: string;
  up(db: Db): void;
}
