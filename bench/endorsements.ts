/**
 * What slot endorsements (src-main/core/vault/endorsement.ts) cost:
 *  - checking every slot of a large clinic's keyring, as a key rotation does
 *    before writing anything: target ≤ 50 ms for 60 slots;
 *  - checking one slot, as each sign-in does: target ≤ 2 ms (beside scrypt's ~400 ms);
 *  - endorsing one new slot (owner, with the holder key's certificate): target ≤ 5 ms.
 *
 *   node --import tsx bench/endorsements.ts [--quick]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { endorseSlot, slotTrust, vaultEndorsementKey } from '../src-main/core/vault/endorsement';
import type { PairSlot } from '../src-main/core/vault/keyring';
import { newX25519KeyPair } from '../src-main/core/vault/sealing';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 1000) / 1000;

function slotFor(i: number): PairSlot {
  return {
    id: `sl_${randomBytes(12).toString('hex')}`,
    format: 'x25519',
    kind: 'staff',
    staffId: `st_${i}`,
    username: `member${i}`,
    role: i === 0 ? 'owner' : i % 3 === 0 ? 'reception' : 'practitioner',
    kdf: { alg: 'scrypt', N: 1024, r: 8, p: 1, salt: '' },
    publicKey: newX25519KeyPair().publicKey.toString('base64'),
    wrappedPrivateKey: { iv: '', data: '', tag: '' },
    createdAt: new Date(0).toISOString(),
  };
}

export async function benchEndorsements(opts: { quick: boolean }) {
  const slots = 60;
  const rounds = opts.quick ? 5 : 25;
  const vaultId = 'v_bench';
  const auditSeed = randomBytes(32);
  const endorser = { by: 'owner' as const, vaultId, auditSeed };
  const keyring = Array.from({ length: slots }, (_, i) => slotFor(i));
  const endorseMs: number[] = [];
  for (const slot of keyring) {
    const t = performance.now();
    slot.endorsement = endorseSlot(endorser, slot);
    endorseMs.push(performance.now() - t);
  }
  const wholeMs: number[] = [];
  const oneMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const anchor = vaultEndorsementKey(vaultId, auditSeed).publicKey;
    for (const slot of keyring) if (slotTrust(vaultId, slot, anchor) !== 'endorsed') throw new Error('bench slot failed its check');
    wholeMs.push(performance.now() - t);
    t = performance.now();
    slotTrust(vaultId, keyring[r % slots]!, vaultEndorsementKey(vaultId, auditSeed).publicKey);
    oneMs.push(performance.now() - t);
  }
  const whole = round(median(wholeMs));
  const one = round(median(oneMs));
  const endorse = round(median(endorseMs));
  return {
    rotationCheck: { slots, rounds, medianMs: whole, targetMs: 50, met: whole <= 50 },
    signInCheck: { rounds, medianMs: one, targetMs: 2, met: one <= 2 },
    endorseOneSlot: { slots, medianMs: endorse, targetMs: 5, met: endorse <= 5 },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  benchEndorsements({ quick: values.quick }).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
