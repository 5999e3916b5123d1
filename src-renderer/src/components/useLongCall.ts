import { useRef, useState } from 'react';
import type { CallProgress, MethodOutput } from '../../../src-main/contract/api';
import type { Method, MethodInput } from '../../../src-main/contract/schemas';
import { ApiError, callWithProgress } from '../api';

/**
 * One long call at a time with its progress bar and a Stop/Cancel button
 * (docs/core-worker.md): `run` answers the method's output, or null when the
 * person cancelled (`stopped` is then true); any other failure is thrown.
 */
export function useLongCall() {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<CallProgress | null>(null);
  const [stopped, setStopped] = useState(false);
  const stopper = useRef<AbortController | null>(null);

  async function run<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M> | null> {
    const controller = new AbortController();
    stopper.current = controller;
    setBusy(true);
    setStopped(false);
    setProgress(null);
    try {
      return await callWithProgress(method, input, setProgress, controller.signal);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CANCELLED') {
        setStopped(true);
        return null;
      }
      throw err;
    } finally {
      stopper.current = null;
      setBusy(false);
    }
  }

  return { busy, progress, stopped, run, stop: () => stopper.current?.abort() };
}
