/**
 * Every contract method's handler, with the access it needs. The mapped type
 * makes a method without a handler a compile error, and `access` is checked by
 * the dispatcher before `run` is called, so no handler can forget it.
 */
import type { Method } from '../contract/schemas';
import { clinicSettingsSchema } from '../contract/schemas';
import type { CoreHandlersFor, Handlers, SignedInContext } from './handler-types';
import { AppError } from '../contract/errors';
import { isAbort } from './call-progress';
import { clientHandlers } from './clients/client-handlers';
import { duplicateHandlers } from './clients/duplicates-handlers';
import { clientMergeHandlers } from './merge/client-merge-handlers';
import { consentHandlers } from './consent/consent-handlers';
import { marketingHandlers } from './marketing/marketing-handlers';
import { tpsHandlers } from './consent/tps-handlers';
import { photoHandlers } from './photos/photo-handlers';
import { treatmentHandlers } from './treatments/treatment-handlers';
import { syntheticHandlers } from './synthetic/synthetic-handlers';
import { workListHandlers } from './clients/work-list-handlers';
import { mergeHandlers } from './merge-handlers';
import { calendarHandlers } from './calendar/calendar-handlers';
import { auditHandlers } from './audit-viewer/audit-handlers';
import { accessPackHandlers } from './access-pack/access-pack-handlers';
import { requestHandlers } from './requests/request-handlers';
import { processingHandlers } from './processing-record/processing-handlers';
import { backupHandlers } from './backup-handlers';
import { addStaff, changeOwnPassword, listStaff, removeStaff, resetPassword } from './staff/staff-service';
import { reissueRecoveryKey } from './vault/recovery-slot';
import { writePublicInfo, readPublicInfo } from './vault/public-info';
import { LATEST_VERSION } from './db/migrate';
import { verifyVault } from './vault/vault-verify';
import { guardRestrictedWrites } from './restriction-guard';
import { erasureHandlers } from './erasure/erasure-handlers';
import { retentionHandlers } from './retention/retention-handlers';
import { holdHandlers } from './holds/hold-handlers';
import { retentionActionHandlers } from './retention/retention-action-handlers';

const staffCtx = (ctx: SignedInContext) => ({ ...ctx, clock: ctx.core.clock, kdfCost: ctx.core.kdfCost });

type FoundationMethod = Exclude<
  Method,
  | keyof typeof clientHandlers
  | keyof typeof treatmentHandlers
  | keyof typeof photoHandlers
  | keyof typeof consentHandlers
  | keyof typeof marketingHandlers
  | keyof typeof tpsHandlers
  | keyof typeof syntheticHandlers
  | keyof typeof auditHandlers
  | keyof typeof workListHandlers
  | keyof typeof duplicateHandlers
  | keyof typeof clientMergeHandlers
  | keyof typeof calendarHandlers
  | keyof typeof accessPackHandlers
  | keyof typeof requestHandlers
  | keyof typeof processingHandlers
  | keyof typeof erasureHandlers
  | keyof typeof retentionHandlers
  | keyof typeof holdHandlers
  | keyof typeof retentionActionHandlers
  | keyof typeof backupHandlers
>;

const foundationHandlers: CoreHandlersFor<FoundationMethod> = {
  'app.status': { access: 'public', run: (core) => core.status() },
  'vault.setup': { access: 'public', run: (core, input) => core.setup(input) },
  'session.signIn': { access: 'public', run: (core, input) => core.signIn(input.username, input.password) },
  'session.recover': {
    access: 'public',
    run: (core, input) => core.recover(input.username, input.recoveryKey, input.newPassword),
  },

  'vault.confirmRecoveryKey': {
    access: 'settings.manage',
    run: ({ vault, session }) => {
      vault.db.transaction(() => {
        vault.settings.setFlag('recovery_key_pending', 'false');
        vault.audit.append({ staffId: session.staff.id, action: 'vault.recovery_key_confirmed' });
      })();
    },
  },
  'vault.reissueRecoveryKey': {
    access: 'settings.manage',
    run: (ctx, input) => reissueRecoveryKey(staffCtx(ctx), input.password),
  },
  // Owner only (staff.manage): progress goes to core.onRotationProgress listeners (the CLI prints it) and to the call (call-progress.ts).
  // A stop during the re-encryption leaves the file under the old key, and the keyring with only it (key-rotation.ts).
  'vault.rotateDatabaseKey': { access: 'staff.manage', run: ({ core, call }) => core.rotateDatabaseKey(call?.signal) },
  // Only the owner can judge whether a restored or replaced database was meant (docs/audit-anchoring.md).
  'vault.acceptRollback': { access: 'settings.manage', run: ({ core }) => core.acceptRollback() },
  'vault.verify': { access: 'vault.verify', run: (ctx) => verifyVault(ctx) },

  'session.signOut': { access: 'public', run: (core) => core.lock('signed_out') },
  'session.lock': {
    access: 'public',
    run: (core, input) => core.lock(input?.reason === 'idle' ? 'auto_locked' : 'locked'),
  },
  'session.touch': { access: 'signed-in', run: () => undefined },
  'session.changePassword': {
    access: 'signed-in',
    run: (ctx, input) => changeOwnPassword(staffCtx(ctx), input.currentPassword, input.newPassword),
  },

  'staff.list': { access: 'staff.manage', run: (ctx) => listStaff(ctx) },
  'staff.add': { access: 'staff.manage', run: (ctx, input) => addStaff(staffCtx(ctx), input) },
  'staff.remove': {
    access: 'staff.manage',
    run: async (ctx, input) => {
      removeStaff(staffCtx(ctx), input.staffId, { rotating: input.rotateDatabaseKey });
      if (!input.rotateDatabaseKey) return;
      try {
        await ctx.core.rotateDatabaseKey(ctx.call?.signal);
      } catch (err) {
        // The removal stands: "nothing was changed" would not be true, so the answer says what was.
        if (ctx.call && isAbort(err, ctx.call.signal)) throw new AppError('KEY_CHANGE_STOPPED');
        throw err;
      }
    },
  },
  'staff.resetPassword': {
    access: 'staff.manage',
    run: (ctx, input) => resetPassword(staffCtx(ctx), input.staffId, input.newPassword),
  },

  // Every signed-in member of staff sees the clinic's details; only the owner changes them.
  'settings.get': { access: 'signed-in', run: ({ vault }) => vault.settings.getClinic() },
  'settings.update': {
    access: 'settings.manage',
    run: ({ core, vault, session }, input) => {
      const before = vault.settings.getClinic();
      const next = clinicSettingsSchema.parse({ ...before, ...input });
      const changed = Object.keys(input).filter(
        (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(next[k as keyof typeof next]),
      );
      vault.db.transaction(() => {
        vault.settings.putClinic(next);
        vault.audit.append({ staffId: session.staff.id, action: 'settings.updated', detail: { fields: changed.join(',') } });
      })();
      core.setAutoLockMinutes(next.autoLockMinutes);
      const info = readPublicInfo(vault.paths.publicInfo);
      if (info && info.clinicName !== next.clinicName) {
        writePublicInfo(vault.paths.publicInfo, { ...info, clinicName: next.clinicName, schemaVersion: LATEST_VERSION });
      }
      return next;
    },
  },

};

/** Each domain's handlers, by domain: the sets must not share a method (handlers.test.ts). */
export const HANDLER_SETS = {
  foundation: foundationHandlers,
  clients: clientHandlers,
  treatments: treatmentHandlers,
  photos: photoHandlers,
  consent: consentHandlers,
  marketing: marketingHandlers,
  tps: tpsHandlers,
  synthetic: syntheticHandlers,
  audit: auditHandlers,
  workList: workListHandlers,
  duplicates: duplicateHandlers,
  clientMerge: clientMergeHandlers,
  calendar: calendarHandlers,
  accessPack: accessPackHandlers,
  requests: requestHandlers,
  processing: processingHandlers,
  erasure: erasureHandlers,
  retention: retentionHandlers,
  holds: holdHandlers,
  retentionActions: retentionActionHandlers,
  backup: backupHandlers,
} as const;

// mergeHandlers throws at startup if two sets name the same method, rather than letting the later one win.
// Writes to a restricted client are refused before their handler runs (restriction-guard.ts).
export const handlers: Handlers = guardRestrictedWrites(mergeHandlers(...Object.values(HANDLER_SETS)));

/** Methods that do not count as the user being active (the UI polls them). */
export const PASSIVE_METHODS: ReadonlySet<Method> = new Set(['app.status']);
