/**
 * The client-record services of one open vault, built on first use and
 * dropped with it: a WeakMap keyed by the OpenVault means statements prepared
 * on a database never outlive it, and locking (which discards the vault) needs
 * no hook here.
 */
import type { OpenVault } from '../vault/open-vault';
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

const cache = new WeakMap<OpenVault, ClientServices>();

export function clientServices(vault: OpenVault): ClientServices {
  let services = cache.get(vault);
  if (!services) {
    services = {
      repo: new ClientRepo(vault.db),
      history: new ChangeHistory(vault.db, vault.keys),
      disputes: new Disputes(vault.db, vault.keys),
      sections: new SectionStore(vault.db, vault.keys),
      search: new ClientSearch(vault.db),
    };
    cache.set(vault, services);
  }
  return services;
}
