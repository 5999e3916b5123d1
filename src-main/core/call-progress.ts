/**
 * One way for a long call to report progress and be stopped (docs/core-worker.md).
 * Each dispatched call gets a CallContext (platform/ports.ts): `progress()` goes to the
 * caller's onProgress, `signal` is the caller's AbortSignal. Two older hooks stay
 * for the CLI and their tests, and are routed here to the call they belong to:
 * CoreOptions.progress (the synthetic seed) and ClinicCore.onRotationProgress.
 */
import type { CallProgress } from '../contract/api';
import type { Method } from '../contract/schemas';
import type { CallContext, CallOptions, ProgressEvent } from './platform/ports';
import type { RotationProgress } from './vault/key-rotation';

const ROTATION_TEXT: Record<RotationProgress['step'], string> = {
  'keyring-extended': 'Giving the new key to every member of staff',
  'database-closed': 'Closing the database',
  rekeying: 'Re-encrypting the database',
  reopened: 'Reopening the database with the new key',
  'keyring-trimmed': 'Removing the old key',
  done: 'Done',
};

/** The methods whose work reports through onRotationProgress. */
const ROTATING_METHODS: ReadonlySet<string> = new Set<Method>(['vault.rotateDatabaseKey', 'staff.remove']);

/** What the window shows for each phase a task reports through CoreOptions.progress. */
const PHASE_TEXT: Record<string, string> = {
  records: 'Adding made-up clients',
  photos: 'Adding made-up photos',
  wal: 'Checking recent changes',
  pages: 'Checking every database page',
  sqlite: 'Checking the database structure',
  audit: 'Checking the audit log',
  files: 'Checking stored files',
};

export function rotationProgress(p: RotationProgress): CallProgress {
  if (p.step === 'rekeying')
    return { done: p.pagesDone ?? 0, total: p.pagesTotal ?? 0, label: ROTATION_TEXT.rekeying };
  return { done: 0, total: 0, label: ROTATION_TEXT[p.step] };
}

const neverAborted = new AbortController().signal;

interface ActiveCall {
  method: string;
  context: CallContext;
}

/** The calls in flight in one core, so the older hooks' events reach the right caller. */
export class CallProgressRouter {
  private readonly active = new Set<ActiveCall>();

  /** The context for one call; `end()` when it has answered. */
  begin(method: string, options: CallOptions = {}): { context: CallContext; end(): void } {
    const { onProgress, stopRequested } = options;
    // Our own controller, following the caller's signal, so a stop seen through stopRequested aborts it too.
    const controller = new AbortController();
    const signal = controller.signal;
    const outer = options.signal;
    const follow = () => controller.abort(outer?.reason);
    if (outer?.aborted) follow();
    else outer?.addEventListener('abort', follow, { once: true });
    const context: CallContext = {
      progress: (p) => {
        try {
          onProgress?.(p);
        } catch {
          // A listener's mistake must not fail the call it watches.
        }
      },
      signal: outer || stopRequested ? signal : neverAborted,
      throwIfStopped: () => {
        if (!signal.aborted && stopRequested?.()) controller.abort(new DOMException('The caller asked the call to stop.', 'AbortError'));
        signal.throwIfAborted();
      },
    };
    const call: ActiveCall = { method, context };
    if (onProgress) this.active.add(call);
    return {
      context,
      end: () => {
        this.active.delete(call);
        outer?.removeEventListener('abort', follow);
      },
    };
  }

  /** A CoreOptions.progress event: its `task` is the method doing the work. */
  fromTask(event: ProgressEvent): void {
    const label = PHASE_TEXT[event.phase] ?? event.phase;
    for (const call of this.active) {
      if (call.method === event.task) call.context.progress({ done: event.done, total: event.total, label });
    }
  }

  /** A key rotation's step, for the call that started it (rotateDatabaseKey, or staff.remove with rotation). */
  fromRotation(p: RotationProgress): void {
    for (const call of this.active) {
      if (ROTATING_METHODS.has(call.method)) call.context.progress(rotationProgress(p));
    }
  }
}

/** An abort (ours or the platform's) rather than a real failure. */
export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted && (err === signal.reason || (err instanceof Error && err.name === 'AbortError'));
}
