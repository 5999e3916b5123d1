import { formatDateTime } from '../../dates';
import { useBackupStatus } from './backup-queries';
import '../../styles/backups.css';

/**
 * The top bar's backup light: the time of the last verified backup, red when
 * it is older than the setting allows or the last attempt failed. Owners can
 * open the Backups page from it.
 */
export function BackupStatusIndicator(props: { onOpen?: () => void }) {
  const { data } = useBackupStatus();
  if (!data) return null;
  const text = data.lastVerifiedAt ? `Backed up ${formatDateTime(data.lastVerifiedAt).slice(0, 16)}` : 'Not backed up';
  const className = `backup-light${data.attention ? ' backup-light--bad' : ' backup-light--ok'}`;
  return props.onOpen ? (
    <button type="button" className={`button button--quiet ${className}`} onClick={props.onOpen} title={data.message} data-testid="backup-status">
      {text}
    </button>
  ) : (
    <span className={className} title={data.message} data-testid="backup-status">
      {text}
    </span>
  );
}

/** The home page's card: what the light says, in a sentence, with the way to fix it. */
export function BackupHomeCard(props: { onOpen?: () => void }) {
  const { data } = useBackupStatus();
  if (!data) return null;
  return (
    <section className={`card backup-card${data.attention ? ' backup-card--bad' : ''}`} aria-labelledby="home-backup-heading">
      <h2 id="home-backup-heading" className="card__title">
        Backups
      </h2>
      <p data-testid="home-backup-message">{data.message}</p>
      {props.onOpen ? (
        <button type="button" className="button button--small" onClick={props.onOpen}>
          Open backups
        </button>
      ) : null}
    </section>
  );
}
