/**
 * Every key the renderer's read cache uses (@tanstack/react-query; docs/renderer-data.md).
 * One module, so that a write invalidates exactly the reads it changes: keys are
 * arrays, and invalidating a prefix refreshes everything under it. Everything
 * about one client sits under `['client', id]`; lists of clients under `['clients']`.
 */
export const queryKeys = {
  // ---- One client (every read below is audit-logged by the core: see CLIENT_READ) ----
  /** Everything about one client: invalidate it after a write that changes the record. */
  client: (clientId: string) => ['client', clientId] as const,
  clientRecord: (clientId: string) => ['client', clientId, 'record'] as const,
  clinicalAlerts: (clientId: string) => ['client', clientId, 'clinical-alerts'] as const,
  medical: (clientId: string) => ['client', clientId, 'medical'] as const,
  lifestyle: (clientId: string) => ['client', clientId, 'lifestyle'] as const,
  treatments: (clientId: string) => ['client', clientId, 'treatments'] as const,
  photos: (clientId: string) => ['client', clientId, 'photos'] as const,
  /** The client's consents: the current state and the ledger behind it. */
  consent: (clientId: string) => ['client', clientId, 'consent'] as const,
  consentCurrent: (clientId: string) => ['client', clientId, 'consent', 'current'] as const,
  consentHistory: (clientId: string) => ['client', clientId, 'consent', 'history'] as const,
  tps: (clientId: string) => ['client', clientId, 'tps'] as const,
  changeHistory: (clientId: string) => ['client', clientId, 'change-history'] as const,
  recordOpenings: (clientId: string) => ['client', clientId, 'openings'] as const,
  /** Every full-size photo held (only while the before/after viewer is open). */
  fullPhotos: ['photo'] as const,
  /** One full-size photo (the core logs each view). */
  photo: (photoId: string) => ['photo', photoId] as const,

  // ---- Lists of clients ----
  /** Every list of clients (search, recent, duplicates): invalidate after adding, changing or merging one. */
  clients: ['clients'] as const,
  clientSearch: (term: string, limit: number) => ['clients', 'search', term, limit] as const,
  recentClients: ['clients', 'recent'] as const,
  possibleDuplicates: (probeKey: string) => ['clients', 'duplicates', probeKey] as const,
  mergePreview: (keptId: string, mergedId: string) => ['clients', 'merge-preview', keptId, mergedId] as const,

  // ---- The clinic's settings and catalogues ----
  settings: ['settings'] as const,
  treatmentTypes: ['treatment-types'] as const,
  consentPurposes: ['consent-purposes'] as const,
  notices: ['notices'] as const,
  noticeList: ['notices', 'list'] as const,
  noticeAffectedCount: (noticeId: string) => ['notices', noticeId, 'count'] as const,
  noticeAffected: (noticeId: string, after: string | undefined) =>
    ['notices', noticeId, 'affected', after ?? ''] as const,
  staff: ['staff'] as const,

  // ---- The owner's views ----
  audit: ['audit'] as const,
  auditPage: (filter: object) => ['audit', 'page', filter] as const,
  appStatus: ['app-status'] as const,
  /** Marketing counts and lists: a consent, an objection or a TPS change alters them. */
  marketing: ['marketing'] as const,
};

/**
 * Options for a read of one client's record. The core writes an audit entry for
 * each (who opened which part of whose record), so these are never answered from
 * the cache: nothing is kept once the view closes (gcTime 0), and each opening
 * asks the core again, exactly as before the cache existed.
 */
export const CLIENT_READ = { staleTime: 0, gcTime: 0 } as const;
