/** Test support: the ServiceContext of whoever is signed in to a test vault, for calling a service directly. */
import type { CoreApi } from '../app';
import { type ServiceContext, serviceContext } from '../service/service-context';

export function serviceContextOf(api: CoreApi): ServiceContext {
  const { vault, session } = api.core.requireSession();
  return serviceContext({ core: api.core, vault, session });
}
