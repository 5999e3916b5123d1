import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { formatDay } from '../../dates';
import type { ClientRecord, PhotoSummary } from '../../../../src-main/contract/record-types';
import { BeforeAfterViewer } from './BeforeAfterViewer';
import { PhotoImportPanel } from './PhotoImportPanel';
import { photoUses } from '../consent/consent-labels';
import { groupByArea, photoLabel, SCOPE_LABELS, STAGE_LABELS } from './photo-labels';
import { useRecordChanged } from './useClientRecord';

/** The client's photos, grouped by area, with import (picker or drag and drop) and a before/after viewer. */
export function PhotosTab(props: { client: ClientRecord; canImport: boolean }) {
  const { client } = props;
  const list = useQuery({
    queryKey: queryKeys.photos(client.id),
    queryFn: () => api('photos.list', { clientId: client.id }),
    ...CLIENT_READ,
  });
  const photos = list.data ?? null;
  const problem = list.error ? messageOf(list.error) : null;
  const [notice, setNotice] = useState<string | null>(null);
  const [comparing, setComparing] = useState<{ area: string; photos: PhotoSummary[] } | null>(null);
  const recordChanged = useRecordChanged(client.id);

  if (problem && !photos) return <Alert kind="error">{problem}</Alert>;

  const groups = groupByArea(photos ?? []);

  return (
    <>
      <div className="section-bar">
        <h2 className="section-bar__title">Photos</h2>
      </div>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}

      {props.canImport ? (
        <PhotoImportPanel
          client={client}
          knownAreas={groups.map((g) => g.area)}
          onImported={(count) => {
            setNotice(`${count} ${count === 1 ? 'photo' : 'photos'} imported.`);
            recordChanged();
          }}
        />
      ) : null}

      {photos === null ? <p className="loading">Loading photos…</p> : null}
      {photos !== null && photos.length === 0 ? (
        <section className="card">
          <p className="empty">
            No photos yet.
            {props.canImport ? ' Drag photos onto the box above, or use Choose photos.' : ''}
          </p>
        </section>
      ) : null}

      {groups.map((g) => (
        <section key={g.area} className="card photo-group" aria-label={`${g.area} photos`}>
          <div className="photo-group__header">
            <h3 className="card__title photo-group__title">
              <bdi dir="auto">{g.area}</bdi>{' '}
              <span className="muted">
                ({g.photos.length} {g.photos.length === 1 ? 'photo' : 'photos'})
              </span>
            </h3>
            {g.photos.length >= 2 ? (
              <button
                type="button"
                className="button button--small"
                // The name starts with the visible words (WCAG 2.5.3 Label in Name; axe: label-content-name-mismatch).
                aria-label={`Compare before and after: ${g.area}`}
                onClick={() => setComparing(g)}
              >
                Compare before and after
              </button>
            ) : null}
          </div>
          <ul className="photo-grid">
            {g.photos.map((p) => (
              <li key={p.id} className="photo-tile">
                <figure>
                  <img className="photo-tile__img" src={p.thumbnailDataUrl} alt={photoLabel(p)} />
                  <figcaption className="photo-tile__caption">
                    <span className={`stage stage--${p.stage}`}>{STAGE_LABELS[p.stage]}</span>
                    <span>{formatDay(p.takenOn)}</span>
                    <PhotoUses photo={p} />
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
        </section>
      ))}

      {comparing ? (
        <BeforeAfterViewer
          area={comparing.area}
          photos={comparing.photos}
          onClose={() => setComparing(null)}
        />
      ) : null}
    </>
  );
}

/**
 * What the photo may be used for now: each use it is tagged with, allowed only
 * while the client's consent for it stands. A use whose consent was withdrawn
 * stays visible, struck through, so nobody reuses the photo for it.
 */
function PhotoUses(props: { photo: PhotoSummary }) {
  const uses = photoUses(props.photo);
  return (
    <span className="photo-tile__uses" data-testid="photo-uses">
      {uses.map(({ scope, allowed }, i) => (
        <Fragment key={scope}>
          {i > 0 ? ' · ' : null}
          {allowed ? (
            <span className="photo-use" title="Allowed by the client’s consent">
              {SCOPE_LABELS[scope]}
            </span>
          ) : (
            <span
              className="photo-use photo-use--withdrawn"
              title="Consent withdrawn: do not use the photo for this"
            >
              <s>{SCOPE_LABELS[scope]}</s> (consent withdrawn)
            </span>
          )}
        </Fragment>
      ))}
    </span>
  );
}
