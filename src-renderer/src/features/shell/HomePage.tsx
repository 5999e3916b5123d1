import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { useClientSearch } from '../../components/useClientSearch';
import { formatDateTime, formatDay } from '../../dates';
import { ROLE_LABELS, type Permission } from '../../../../src-main/contract/permissions';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { fullName } from '../clients/client-names';
import type { PageId } from './Shell';
import { useOwnerTasks } from './useOwnerTasks';
import { BackupHomeCard } from '../backups/BackupStatusIndicator';
import '../../styles/work-list.css';

/**
 * What each role may do, in plain words, for features that exist. Permissions
 * for work not built yet (subject-access responses, destroying records,
 * backups) are left out rather than promised (issue #10 item 5).
 */
const PERMISSION_TEXT: Partial<Record<Permission, string>> = {
  'clients.read': "See clients' contact details and preferences",
  'clients.write': 'Add clients and update their contact details',
  'clinical.read': 'See medical histories, treatment notes and photos',
  'clinical.write': 'Record consultations, treatments and photos',
  'staff.manage': 'Add and remove staff, and reset their passwords',
  'settings.manage': "Change the clinic's details and settings",
  'audit.read': 'Read the audit log of who did what, and when',
  'vault.verify': 'Check the vault for damage or tampering',
  'marketing.export': 'Export lists of clients who agreed to marketing',
  'requests.log': 'Log a data request (access, erasure, ...) and record the ID received',
  'sar.export': 'Handle data requests: review, redact, export, send',
  'synthetic.seed': 'Fill an empty vault with made-up clients for training or a demonstration',
};

/** 14:07 from an instant (formatDateTime gives 05/03/2026 14:07:09). */
function timeOf(iso: string): string {
  return formatDateTime(iso).split(' ')[1]?.slice(0, 5) ?? '';
}

/**
 * The home page is a work list (issue #10 item 5): reception lands on the
 * client search with the cursor in it and today's clients below; a
 * practitioner on the clients they opened lately; the owner on what needs
 * doing, then their recent clients.
 */
export function HomePage(props: {
  session: SessionInfo;
  clinicName: string;
  allowedPages: { id: PageId; label: string }[];
  onOpen: (page: PageId) => void;
  onOpenClient: (clientId: string) => void;
}) {
  const { session } = props;
  const firstName = session.displayName.split(/\s+/)[0] ?? session.displayName;
  const can = (p: Permission) => session.permissions.includes(p);
  const reception = !can('clinical.read');

  return (
    <>
      {/* Reception's cursor goes to the search box instead of the title. */}
      <PageHeader title={`Welcome, ${firstName}`} takeFocus={!reception}>
        You are signed in to {props.clinicName}.
      </PageHeader>
      {reception ? <HomeClientSearch onOpenClient={props.onOpenClient} /> : null}
      {can('settings.manage') ? <OwnerTasks onOpen={props.onOpen} /> : null}
      {can('backup.run') ? <BackupHomeCard onOpen={() => props.onOpen('backups')} /> : null}
      {can('clients.read') ? <RecentClientsCard onOpenClient={props.onOpenClient} /> : null}
      <RoleCard session={session} />
    </>
  );
}

/** The search box, with the cursor in it: matches as you type, arrows move, Enter opens. */
function HomeClientSearch(props: { onOpenClient: (clientId: string) => void }) {
  const [query, setQuery] = useState('');
  const { settled, found, active, setActive, problem } = useClientSearch(query, { limit: 8 });
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => inputRef.current?.focus(), []);

  // An emptied box shows no matches (the last search's are kept, unused, until the next one).
  const hits = settled === '' ? null : found;
  const list = hits?.hits ?? [];
  const activeHit = active >= 0 ? list[active] : undefined;
  const optionId = (clientId: string) => `${id}-option-${clientId}`;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && list.length > 0) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, list.length - 1));
    } else if (e.key === 'ArrowUp' && list.length > 0) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (hits?.for !== query.trim()) return; // never open a result for words since changed
      const hit = activeHit ?? list[0];
      if (hit) props.onOpenClient(hit.id);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  }

  return (
    <section className="card home-search" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-input`} className="field__label">
        Find a client
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        className="input client-search__input"
        type="search"
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeHit ? optionId(activeHit.id) : undefined}
        placeholder="Name, phone, email, postcode or date of birth"
        autoComplete="off"
        spellCheck={false}
        dir="auto"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {hits && list.length === 0 ? (
        <p className="empty" aria-live="polite">
          No clients match &ldquo;<bdi dir="auto">{hits.for}</bdi>&rdquo;.
        </p>
      ) : null}
      <ul id={`${id}-list`} role="listbox" aria-label="Matching clients" className="home-search__list" hidden={list.length === 0}>
        {list.map((h, i) => (
          <li
            key={h.id}
            id={optionId(h.id)}
            role="option"
            aria-selected={i === active}
            className={`home-search__hit${i === active ? ' home-search__hit--active' : ''}`}
            onClick={() => props.onOpenClient(h.id)}
            onMouseMove={() => i !== active && setActive(i)}
          >
            <bdi dir="auto" className="home-search__name">
              {fullName(h)}
            </bdi>
            <span className="muted">Born {formatDay(h.dateOfBirth)}</span>
            {h.postcode ? <span className="muted">{h.postcode}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Today's clients for reception; for clinical roles, the clients they opened lately. */
function RecentClientsCard(props: { onOpenClient: (clientId: string) => void }) {
  const read = useQuery({ queryKey: queryKeys.recentClients, queryFn: () => api('home.recentClients', {}) });
  const recent = read.data ?? null;
  const problem = read.error ? messageOf(read.error) : null;
  const id = useId();

  const title = recent?.scope === 'today' ? "Today's clients" : 'Your recent clients';
  return (
    <section className="card work-list" aria-labelledby={`${id}-title`} data-testid="recent-clients">
      <h2 id={`${id}-title`} className="card__title">
        {recent ? title : 'Recent clients'}
      </h2>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {recent === null && !problem ? <p className="loading">Loading…</p> : null}
      {recent && recent.clients.length === 0 ? (
        <p className="empty">
          {recent.scope === 'today'
            ? 'Nobody yet today. Clients appear here once they are added, opened or changed.'
            : 'Clients you open appear here, newest first.'}
        </p>
      ) : null}
      {recent && recent.clients.length > 0 ? (
        <ul className="work-list__items">
          {recent.clients.map((c) => (
            <li key={c.id} className="work-list__item">
              <button type="button" className="link-button work-list__name" onClick={() => props.onOpenClient(c.id)}>
                <bdi dir="auto">{fullName(c)}</bdi>
              </button>
              <span className="muted">Born {formatDay(c.dateOfBirth)}</span>
              <span className="muted work-list__when">
                {recent.scope === 'today' ? timeOf(c.at) : formatDateTime(c.at)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * What needs the owner, from features that exist: the privacy notice (none
 * published, or clients whose consents rest on an older one or on none), and
 * staff whose key slot still lacks the clinical key. Banners elsewhere already
 * cover an unconfirmed recovery key, a damaged page and audit tampering.
 */
function OwnerTasks(props: { onOpen: (page: PageId) => void }) {
  const { tasks, problems } = useOwnerTasks();

  return (
    <section className="card work-list" aria-labelledby="owner-tasks-title" data-testid="owner-tasks">
      <h2 id="owner-tasks-title" className="card__title">
        What needs doing
      </h2>
      {problems.map((p) => (
        <Alert key={p} kind="error">
          {p}
        </Alert>
      ))}
      {tasks === null ? <p className="loading">Checking…</p> : null}
      {tasks && tasks.length === 0 ? <p className="empty">Nothing needs you just now.</p> : null}
      {tasks && tasks.length > 0 ? (
        <ul className="work-list__items">
          {tasks.map((t) => (
            <li key={t.key} className="work-list__item work-list__item--task">
              <span>{t.text}</span>
              <button type="button" className="button button--small" onClick={() => props.onOpen(t.page)}>
                {t.action}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RoleCard(props: { session: SessionInfo }) {
  const { session } = props;
  const shown = session.permissions.filter((p) => PERMISSION_TEXT[p]);
  return (
    <section className="card" aria-labelledby="role-heading">
      <h2 id="role-heading" className="card__title">
        Your role: {ROLE_LABELS[session.role]}
      </h2>
      <ul className="check-list">
        {shown.map((p) => (
          <li key={p}>{PERMISSION_TEXT[p]}</li>
        ))}
      </ul>
      <ul className="plain-list">
        <li>Everything you do is recorded against your name in the audit log.</li>
        <li>
          The screen locks after {session.autoLockMinutes} {session.autoLockMinutes === 1 ? 'minute' : 'minutes'}{' '}
          without use. Press <strong>Lock</strong> when you step away.
        </li>
        {session.role !== 'owner' ? <li>If you need to do something else, ask the clinic owner.</li> : null}
      </ul>
    </section>
  );
}
