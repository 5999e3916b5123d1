/** The marketing-list export (issue #4): owner only ('marketing.export'). */
import type { HandlersFor } from '../service/handler-types';
import { exportMarketingList } from './marketing-export';

export const marketingHandlers: HandlersFor<'marketing.export'> = {
  'marketing.export': {
    access: 'marketing.export',
    run: ({ core, vault, session, call }, input) =>
      exportMarketingList({ db: vault.db, audit: vault.audit, clock: core.clock, staffId: session.staff.id, call }, input.channel),
  },
};
