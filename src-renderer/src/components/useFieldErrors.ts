import { useCallback, useState } from 'react';
import type { FieldErrors } from '../validation';

/**
 * Field errors for a form. `clear(field)` drops a field's error (and any under
 * it, like `addressLines.2`) as soon as the person edits it, so a message never
 * sits next to a value that has already been corrected.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clear = useCallback((field: string) => {
    setErrors((prev) => {
      const keys = Object.keys(prev).filter((k) => k === field || k.startsWith(`${field}.`));
      if (keys.length === 0) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);
  return { errors, setErrors, clear };
}
