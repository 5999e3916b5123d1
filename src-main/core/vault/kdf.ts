/**
 * Password-based key derivation for key slots. scrypt is memory-hard, built
 * into Node, and its parameters are stored in each slot so they can be raised
 * later without locking anyone out.
 */
import { randomBytes, scrypt as scryptCallback } from 'node:crypto';
import type { KdfCost } from '../platform/ports';

export interface ScryptParams {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/**
 * N = 2^17, r = 8 costs 128 MiB and about 0.4 s on this class of machine, inside
 * the 0.3-0.6 s unlock budget (measured by `npm run bench`).
 */
const COSTS: Record<KdfCost, Omit<ScryptParams, 'salt' | 'alg'>> = {
  production: { N: 2 ** 17, r: 8, p: 1 },
  test: { N: 2 ** 10, r: 8, p: 1 },
};

/** Refuse parameters a tampered slot could use to exhaust memory or skip the work. */
const LIMITS = { minN: 2 ** 10, maxN: 2 ** 20, maxR: 32, maxP: 16 };

/**
 * The least work a slot may ask for in a real vault: the production cost. A
 * slot made cheaper (an old `--test-fast-kdf` build wrote N = 1024) could be
 * guessed a hundred times faster offline, so a production core neither opens
 * nor accepts one; only a core the tests open with kdfCost 'test' does.
 */
const PRODUCTION_MIN_WORK = COSTS.production.N * COSTS.production.r * COSTS.production.p;

export function meetsMinimumCost(params: ScryptParams, cost: KdfCost): boolean {
  return cost === 'test' || params.N * params.r * params.p >= PRODUCTION_MIN_WORK;
}

export function newScryptParams(cost: KdfCost): ScryptParams {
  return { alg: 'scrypt', ...COSTS[cost], salt: randomBytes(16).toString('base64') };
}

export function areSaneParams(params: ScryptParams): boolean {
  const { N, r, p } = params;
  return (
    params.alg === 'scrypt' &&
    Number.isInteger(N) &&
    N >= LIMITS.minN &&
    N <= LIMITS.maxN &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= LIMITS.maxR &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= LIMITS.maxP &&
    typeof params.salt === 'string' &&
    Buffer.from(params.salt, 'base64').length >= 16
  );
}

/** Derives a 32-byte key-encryption key. Async so the event loop keeps serving the UI. */
export function deriveKey(secret: string, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scryptCallback(
      secret.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}
