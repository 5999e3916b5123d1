/**
 * The treatment stores of one open vault. An OpenVault lives from sign-in to
 * lock and its prepared statements belong to its database handle, so the
 * stores are cached per vault in a WeakMap: built on first use, dropped with
 * the vault when it is locked, and never shared across sign-ins.
 */
import type { OpenVault } from '../vault/open-vault';
import { TreatmentTypeRepo } from './catalogue';
import { TreatmentRepo } from './treatment-repo';

export interface TreatmentStores {
  types: TreatmentTypeRepo;
  treatments: TreatmentRepo;
}

const cache = new WeakMap<OpenVault, TreatmentStores>();

export function treatmentStores(vault: OpenVault): TreatmentStores {
  let stores = cache.get(vault);
  if (!stores) {
    stores = { types: new TreatmentTypeRepo(vault.db), treatments: new TreatmentRepo(vault.db, vault.keys) };
    cache.set(vault, stores);
  }
  return stores;
}
