import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { api, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { useCssVars } from '../../components/useCssVars';
import type { PhotoImage, PhotoSummary } from '../../../../src-main/contract/record-types';
import { chronological, defaultPair, photoLabel, STAGE_LABELS } from './photo-labels';
import { formatDay } from '../../dates';

const MIN_ZOOM = 1;
const MAX_ZOOM = 6;
const ZOOM_STEP = 1.25;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100));

type Mode = 'side-by-side' | 'slider';

/**
 * Two photos of one area, side by side or overlaid with a slider that moves the
 * dividing line. Zoom with the buttons or the mouse wheel; drag to look around
 * when zoomed in. Every dynamic value is a CSS custom property set from script
 * (the CSP forbids inline style attributes).
 */
export function BeforeAfterViewer(props: { area: string; photos: PhotoSummary[]; onClose: () => void }) {
  const photos = chronological(props.photos);
  const initial = defaultPair(photos);
  const [leftId, setLeftId] = useState(initial?.[0] ?? '');
  const [rightId, setRightId] = useState(initial?.[1] ?? '');
  const [mode, setMode] = useState<Mode>('slider');
  const [pos, setPos] = useState(50);
  const [zoom, setZoom] = useState(1);
  const stageRef = useRef<HTMLDivElement>(null);
  const { images, problem } = useFullPhotos([leftId, rightId]);

  // The wheel zooms. React's wheel handler is passive, so it cannot stop the page scrolling: listen directly.
  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      setZoom((z) => clampZoom(e.deltaY < 0 ? z * ZOOM_STEP : z / ZOOM_STEP));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const left = photos.find((p) => p.id === leftId);
  const right = photos.find((p) => p.id === rightId);
  useCssVars(stageRef, { '--pos': `${pos}%`, '--zoom': String(zoom) });

  const options = photos.map((p) => ({
    value: p.id,
    label: `${STAGE_LABELS[p.stage]}, ${formatDay(p.takenOn)}`,
  }));

  return (
    <Dialog title={`Compare: ${props.area}`} onClose={props.onClose} size="full">
      <div className="compare">
        <div className="compare__controls">
          <SelectField label="Left (before)" value={leftId} onChange={setLeftId} options={options} />
          <SelectField label="Right (after)" value={rightId} onChange={setRightId} options={options} />
          <div className="segmented" role="group" aria-label="View">
            <button
              type="button"
              className="segmented__button"
              aria-pressed={mode === 'slider'}
              onClick={() => setMode('slider')}
            >
              Slider
            </button>
            <button
              type="button"
              className="segmented__button"
              aria-pressed={mode === 'side-by-side'}
              onClick={() => setMode('side-by-side')}
            >
              Side by side
            </button>
          </div>
          <div className="zoom" role="group" aria-label="Zoom">
            <button
              type="button"
              className="button button--small"
              aria-label="Zoom out"
              disabled={zoom <= MIN_ZOOM}
              onClick={() => setZoom((z) => clampZoom(z / ZOOM_STEP))}
            >
              −
            </button>
            <output className="zoom__level" aria-live="polite" data-testid="zoom-level">
              {Math.round(zoom * 100)}%
            </output>
            <button
              type="button"
              className="button button--small"
              aria-label="Zoom in"
              disabled={zoom >= MAX_ZOOM}
              onClick={() => setZoom((z) => clampZoom(z * ZOOM_STEP))}
            >
              +
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={zoom === 1}
              onClick={() => setZoom(1)}
            >
              Fit
            </button>
          </div>
        </div>

        {problem ? <Alert kind="error">{problem}</Alert> : null}

        <div ref={stageRef} className={`compare__stage compare__stage--${mode}`} data-testid="compare-stage">
          {mode === 'slider' ? (
            <PanFrame className="compare__frame">
              <div className="compare__canvas">
                <CompareImage image={right ? images[right.id] : undefined} summary={right} layer="under" />
                <CompareImage image={left ? images[left.id] : undefined} summary={left} layer="over" />
                <div className="compare__divider" aria-hidden="true" />
              </div>
            </PanFrame>
          ) : (
            <div className="compare__pair">
              {[left, right].map((p, i) => (
                <figure key={i} className="compare__side">
                  <PanFrame className="compare__frame">
                    <div className="compare__canvas">
                      <CompareImage image={p ? images[p.id] : undefined} summary={p} layer="single" />
                    </div>
                  </PanFrame>
                  <figcaption className="compare__caption">{p ? photoLabel(p) : ''}</figcaption>
                </figure>
              ))}
            </div>
          )}
        </div>

        {mode === 'slider' ? (
          <div className="compare__slider">
            <span className="compare__end">
              {left ? `${STAGE_LABELS[left.stage]} ${formatDay(left.takenOn)}` : ''}
            </span>
            <input
              type="range"
              min={0}
              max={100}
              step={1}
              value={pos}
              onChange={(e) => setPos(Number(e.target.value))}
              aria-label="Divider between the two photos"
              aria-valuetext={`${pos}% of the left photo shown`}
              className="compare__range"
            />
            <span className="compare__end">
              {right ? `${STAGE_LABELS[right.stage]} ${formatDay(right.takenOn)}` : ''}
            </span>
          </div>
        ) : null}

        <div className="form-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function CompareImage(props: {
  image: PhotoImage | undefined;
  summary: PhotoSummary | undefined;
  layer: 'under' | 'over' | 'single';
}) {
  if (!props.summary) return null;
  if (!props.image)
    return <div className={`compare__img compare__img--${props.layer} compare__img--loading`}>Loading…</div>;
  return (
    <img
      className={`compare__img compare__img--${props.layer}`}
      src={props.image.imageDataUrl}
      alt={photoLabel(props.summary)}
      draggable={false}
    />
  );
}

/** A scrollable frame that can be dragged to pan when the picture is zoomed in. */
function PanFrame(props: { className: string; children: ReactNode }) {
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight) return;
    drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
    el.setPointerCapture(e.pointerId);
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const el = e.currentTarget;
    el.scrollLeft = d.left - (e.clientX - d.x);
    el.scrollTop = d.top - (e.clientY - d.y);
    syncSiblings(el);
  };
  const onUp = () => {
    drag.current = null;
  };
  return (
    <div
      className={props.className}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onScroll={(e) => syncSiblings(e.currentTarget)}
    >
      {props.children}
    </div>
  );
}

/** Side by side, both frames show the same part of the picture. */
function syncSiblings(el: HTMLElement) {
  const stage = el.closest('.compare__stage');
  if (!stage) return;
  for (const other of stage.querySelectorAll<HTMLElement>('.compare__frame')) {
    if (other === el) continue;
    if (other.scrollLeft !== el.scrollLeft) other.scrollLeft = el.scrollLeft;
    if (other.scrollTop !== el.scrollTop) other.scrollTop = el.scrollTop;
  }
}

/**
 * The full images chosen, fetched as they are chosen (the core logs each view).
 * Each is kept while the viewer is open, so going back to one does not log a
 * second view, and all are dropped from the cache when it closes.
 */
function useFullPhotos(ids: string[]): { images: Record<string, PhotoImage>; problem: string | null } {
  const queryClient = useQueryClient();
  const wanted = ids.filter((id) => id !== '');
  const results = useQueries({
    queries: wanted.map((photoId) => ({
      queryKey: queryKeys.photo(photoId),
      queryFn: () => api('photos.get', { photoId }),
      staleTime: Infinity,
    })),
  });
  useEffect(() => () => queryClient.removeQueries({ queryKey: queryKeys.fullPhotos }), [queryClient]);
  const images: Record<string, PhotoImage> = {};
  let problem: string | null = null;
  results.forEach((r, i) => {
    const id = wanted[i];
    if (id && r.data) images[id] = r.data;
    if (r.error) problem = messageOf(r.error);
  });
  return { images, problem };
}
