/**
 * The shapes of a slot's endorsement as keyring.json stores them. Apart from
 * endorsement.ts (which makes and checks them) so that keyring.ts, which
 * stores them, and endorsement.ts, which reads slots, do not import each other.
 */

/** A member's own endorsement key: its public half, certified by the owner's endorsement key. */
export interface HolderKey {
  /** base64 raw Ed25519 public key */
  publicKey: string;
  /** base64 signature by the vault's endorsement key over the holder key's binding */
  certificate: string;
}

export interface Endorsement {
  by: 'owner' | 'holder';
  /** base64 Ed25519 signature over the slot's identity */
  signature: string;
  /** For staff slots below owner: the holder's key (copied into their own endorsements). */
  holderKey?: HolderKey;
}
