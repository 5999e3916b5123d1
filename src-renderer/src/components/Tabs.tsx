import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/**
 * WAI-ARIA tabs: one tab stop, arrow keys (and Home/End) move between tabs and
 * open them. The caller renders the panel with `tabPanelProps`.
 */
export function Tabs<T extends string>(props: {
  label: string;
  idBase: string;
  tabs: readonly TabItem<T>[];
  current: T;
  onSelect: (id: T) => void;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const index = props.tabs.findIndex((t) => t.id === props.current);
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % props.tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + props.tabs.length) % props.tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = props.tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const tab = props.tabs[next];
    if (!tab) return;
    props.onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.tabs.map((t) => {
        const selected = t.id === props.current;
        return (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
              else refs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${props.idBase}-tab-${t.id}`}
            aria-selected={selected}
            aria-controls={`${props.idBase}-panel`}
            tabIndex={selected ? 0 : -1}
            className={`tabs__tab${selected ? ' tabs__tab--current' : ''}`}
            onClick={() => props.onSelect(t.id)}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel(props: { idBase: string; current: string; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`${props.idBase}-panel`}
      aria-labelledby={`${props.idBase}-tab-${props.current}`}
      className="tabs__panel"
    >
      {props.children}
    </div>
  );
}
