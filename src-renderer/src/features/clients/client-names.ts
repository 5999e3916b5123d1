/** How a client's name is shown: full name, and the name they prefer when it differs. */
interface Named {
  firstName: string;
  lastName: string;
  preferredName: string;
}

export function fullName(c: Named): string {
  return `${c.firstName} ${c.lastName}`.trim();
}

/** "Liz" for Elizabeth Smith who prefers Liz; null when the preferred name adds nothing. */
export function knownAs(c: Named): string | null {
  const preferred = c.preferredName.trim();
  if (!preferred || preferred === c.firstName.trim() || preferred === fullName(c)) return null;
  return preferred;
}
