/**
 * The layering of src-main/core, as rules that fail CI (`npm run lint:deps`,
 * run by `npm run lint` and by `npm test`'s lint step). docs/core-structure.md
 * explains the folders and why each direction is the way it is.
 *
 * Bottom to top:
 *   infrastructure  platform, time, db, crypto, files, settings, audit, export,
 *                   session, service, pdf, calendar: never import a domain,
 *                   the vault lifecycle or the core's root.
 *   domains         each imports infrastructure and only the domains DOMAINS
 *                   lists for it (an acyclic order).
 *   lifecycle       vault (opening, keys, rotation, verify) may import any
 *                   domain; staff (key slots per member) builds on vault.
 *   root            src-main/core/*.ts: the dispatcher, ClinicCore, handlers.ts.
 *                   Imports anything; nothing in a core folder imports it.
 */

/** Folders every other folder may build on. pdf and calendar are new in #12. */
const INFRA = ['platform', 'time', 'db', 'crypto', 'files', 'settings', 'audit', 'export', 'session', 'service', 'pdf', 'calendar'];

/**
 * The declared direction between domains: each may import infrastructure and
 * the domains listed here, nothing else. The list is acyclic (a domain lists
 * only domains above it in this table), so a domain cycle cannot be declared.
 * A new domain folder must be added here before it can be imported at all.
 */
const DOMAINS = {
  requests: [],
  clients: ['requests'],
  uploads: [],
  consent: ['clients', 'uploads'],
  photos: ['clients', 'consent', 'uploads'],
  treatments: ['clients', 'uploads'],
  marketing: ['clients', 'consent', 'requests'],
  merge: ['clients', 'consent', 'photos', 'treatments', 'requests'],
  sealing: ['clients', 'photos', 'treatments'],
  'audit-viewer': ['clients'],
  synthetic: ['clients', 'consent', 'photos', 'treatments'],
  // Issue #12's folders (being written now): built on the record domains, and nothing below imports them.
  'processing-record': ['requests', 'clients', 'consent', 'photos', 'treatments', 'uploads', 'marketing', 'audit-viewer'],
  // Issue #13: legal holds stop every destruction, so destruction builds on them.
  holds: ['clients'],
  destruction: ['requests', 'clients', 'consent', 'photos', 'treatments', 'uploads', 'holds'],
  rectification: ['clients'],
  portability: ['clients', 'consent'],
  // Issue #13: the retention rules and policy, the queue, reviews (and the batch actions built on them).
  retention: ['requests', 'clients', 'consent', 'photos', 'treatments', 'uploads', 'holds', 'destruction'],
  // Erasure reads the owner's retention policy for the date the clinical record is kept until.
  erasure: ['requests', 'clients', 'consent', 'photos', 'treatments', 'uploads', 'marketing', 'destruction', 'rectification', 'portability', 'holds', 'retention'],
  'access-pack': ['requests', 'clients', 'consent', 'photos', 'treatments', 'uploads', 'marketing', 'audit-viewer', 'processing-record', 'rectification'],
};

/** The lifecycle folders: may import what is listed (plus infrastructure). */
const LIFECYCLE = {
  vault: Object.keys(DOMAINS),
  staff: ['vault'],
  // Backups copy the open vault and restore it (docs/backups.md): built on the vault's keys and checks.
  backup: ['vault', 'destruction'],
};

const CORE = '^src-main/core/';
const anyOf = (names) => `(${names.map((n) => n.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')).join('|')})`;
const ALL_FOLDERS = [...INFRA, ...Object.keys(DOMAINS), ...Object.keys(LIFECYCLE), 'test-support'];

/** Test files and test helpers: they may reach anything (a test builds a whole core). */
const TEST_FILES = ['\\.test\\.tsx?$', '(^|/)test-support/'];

function folderRule(name, may, comment) {
  const allowed = [...INFRA, ...may, name];
  return {
    name: `core-${name}-imports-only-declared`,
    comment,
    severity: 'error',
    from: { path: `${CORE}${anyOf([name])}/`, pathNot: TEST_FILES },
    to: {
      path: `${CORE}`,
      pathNot: [`${CORE}${anyOf(allowed)}/`],
    },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles in src-main, not even through types: a cycle means two files (or folders) cannot be understood or changed apart.',
      severity: 'error',
      from: { path: '^src-main/', pathNot: TEST_FILES },
      to: { circular: true, viaOnly: { pathNot: TEST_FILES } },
    },
    {
      name: 'no-circular-renderer',
      comment:
        'No import cycles in the renderer that run code. A cycle through a type alone is let through: the shell names its pages (PageId in Shell.tsx) and the pages name where they lead.',
      severity: 'error',
      from: { path: '^src-renderer/', pathNot: TEST_FILES },
      to: { circular: true, viaOnly: { pathNot: TEST_FILES, dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-infrastructure-never-imports-a-domain',
      comment: `Infrastructure (${INFRA.join(', ')}) is what domains build on: it imports only other infrastructure (docs/core-structure.md).`,
      severity: 'error',
      from: { path: `${CORE}${anyOf(INFRA)}/`, pathNot: TEST_FILES },
      to: { path: CORE, pathNot: `${CORE}${anyOf(INFRA)}/` },
    },
    ...Object.entries(DOMAINS).map(([name, may]) =>
      folderRule(
        name,
        may,
        `The ${name} domain imports infrastructure${may.length ? ` and ${may.join(', ')}` : ''} only (DOMAINS in .dependency-cruiser.cjs; docs/core-structure.md).`,
      ),
    ),
    ...Object.entries(LIFECYCLE).map(([name, may]) =>
      folderRule(name, may, `${name} is part of the vault lifecycle: it imports infrastructure and ${may.join(', ')} only.`),
    ),
    {
      name: 'core-folder-is-declared',
      comment:
        'Every folder of src-main/core is infrastructure, a domain or lifecycle in .dependency-cruiser.cjs, so its allowed directions are written down. Add a new folder there (and to docs/core-structure.md).',
      severity: 'error',
      from: { path: `${CORE}[^/]+/`, pathNot: [`${CORE}${anyOf(ALL_FOLDERS)}/`, ...TEST_FILES] },
      to: {},
    },
    {
      name: 'core-root-is-imported-only-by-the-root',
      comment:
        'The files at the root of src-main/core (the dispatcher, ClinicCore, handlers.ts) compose every folder; a folder importing them makes a cycle. Shared types belong in platform/ or service/.',
      severity: 'error',
      from: { path: `${CORE}[^/]+/`, pathNot: TEST_FILES },
      to: { path: `${CORE}[^/]+\\.tsx?$` },
    },
    {
      name: 'product-code-never-imports-test-support',
      comment: 'Test helpers live in src-main/core/test-support/ or src-main/test-support/ and never ship: product code must not import them.',
      severity: 'error',
      from: { path: '^(src-main|src-renderer)/', pathNot: TEST_FILES },
      to: { path: '^src-main/(core/)?test-support/' },
    },
    {
      name: 'renderer-imports-only-the-contract',
      comment: 'The renderer reaches the core only through the typed contract (src-main/contract) and the api() bridge.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/', pathNot: '^src-main/contract/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|release)/' },
    tsPreCompilationDeps: true,
    // Only what this config judges: TypeScript sources of the two floors.
    includeOnly: '^(src-main|src-renderer)/',
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
  },
};
