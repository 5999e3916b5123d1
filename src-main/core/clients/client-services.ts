/**
 * The client-record services of one open vault, built on first use and
 * dropped with it: a WeakMap keyed by the vault's database handle means
 * statements prepared on a database never outlive it, and locking (which
 * closes the handle and discards the vault) needs no hook here. The keys
 * belong to the same open vault as the handle, so they are the ones cached.
 */
import type { Db } from '../db/types';
import type { ServiceContext } from '../service/service-context';
import { ChangeHistory } from './change-history';
import { ClientRepo } from './client-repo';
import { ClientSearch } from './client-search';
import { Disputes } from './disputes';
import { SectionStore } from './section-store';

export interface ClientServices {
  repo: ClientRepo;
  history: ChangeHistory;
  disputes: Disputes;
  sections: SectionStore;
  search: ClientSearch;
}

const cache = new WeakMap<Db, ClientServices>();

export function clientServices(vault: Pick<ServiceContext, 'db' | 'keys'>): ClientServices {
  let services = cache.get(vault.db);
  if (!services) {
    services = {
      repo: new ClientRepo(vault.db),
      history: new ChangeHistory(vault.db, vault.keys),
      disputes: new Disputes(vault.db, vault.keys),
      sections: new SectionStore(vault.db, vault.keys),
      search: new ClientSearch(vault.db),
    };
    cache.set(vault.db, services);
  }
  return services;
}
