import { useEffect, useState } from 'react';
import { ApiError, onRecordDestroyed } from '../api';

/**
 * The message to close an open record with, once a call for it answers
 * RECORD_DESTROYED: the client was destroyed at the end of its retention
 * period, perhaps from another screen. `readError` is the record's own read;
 * any other call the page makes (a tab, a save) is heard through api.ts.
 */
export function useRecordDestroyed(readError: unknown): string | null {
  const [heard, setHeard] = useState<string | null>(null);
  useEffect(() => onRecordDestroyed((err) => setHeard(err.message)), []);
  if (readError instanceof ApiError && readError.code === 'RECORD_DESTROYED') return readError.message;
  return heard;
}
