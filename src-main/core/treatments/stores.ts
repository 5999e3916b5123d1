/**
 * The treatment stores of one open vault. An open vault lives from sign-in to
 * lock and its prepared statements belong to its database handle, so the
 * stores are cached per handle in a WeakMap: built on first use, dropped with
 * the handle when the vault is locked, and never shared across sign-ins.
 */
import type { Db } from '../db/types';
import type { ServiceContext } from '../service/service-context';
import { TreatmentTypeRepo } from './catalogue';
import { TreatmentRepo } from './treatment-repo';

export interface TreatmentStores {
  types: TreatmentTypeRepo;
  treatments: TreatmentRepo;
}

const cache = new WeakMap<Db, TreatmentStores>();

export function treatmentStores(ctx: Pick<ServiceContext, 'db' | 'keys'>): TreatmentStores {
  let stores = cache.get(ctx.db);
  if (!stores) {
    stores = { types: new TreatmentTypeRepo(ctx.db), treatments: new TreatmentRepo(ctx.db, ctx.keys) };
    cache.set(ctx.db, stores);
  }
  return stores;
}
