/**
 * Editors for the lists in the record of processing: a list of one-line
 * entries, and a list of small groups of fields (purposes, recipients,
 * transfers). Each row can be removed; "Add" appends an empty one.
 */
import type { ReactNode } from 'react';
import { TextAreaField } from '../../components/Field';

export function StringListEditor(props: {
  legend: string;
  hint?: string;
  itemLabel: string;
  items: string[];
  errors: Record<string, string>;
  path: string;
  onChange: (items: string[]) => void;
}) {
  const listError = props.errors[props.path];
  return (
    <fieldset className="form-section processing-list">
      <legend className="form-section__title">{props.legend}</legend>
      {props.hint ? <p className="field__hint">{props.hint}</p> : null}
      {listError ? <p className="field__error">{listError}</p> : null}
      {props.items.map((item, i) => (
        <div className="processing-list__row" key={i}>
          {/* A textarea, not a one-line input: retention rules and security measures run to a sentence or two, and a one-line box cut them off. */}
          <TextAreaField
            className="processing-list__grow"
            label={`${props.itemLabel} ${i + 1}`}
            rows={2}
            value={item}
            onChange={(v) => props.onChange(props.items.map((x, j) => (j === i ? v : x)))}
            error={props.errors[`${props.path}.${i}`]}
          />
          <button
            type="button"
            className="button button--small processing-list__remove"
            aria-label={`Remove ${props.itemLabel.toLowerCase()} ${i + 1}`}
            onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => props.onChange([...props.items, ''])}>
        Add {props.itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}

export function RowListEditor<T>(props: {
  legend: string;
  hint?: string;
  itemLabel: string;
  rows: T[];
  path: string;
  errors: Record<string, string>;
  empty: () => T;
  onChange: (rows: T[]) => void;
  renderRow: (row: T, update: (next: T) => void, errorOf: (field: string) => string | undefined, index: number) => ReactNode;
}) {
  const listError = props.errors[props.path];
  return (
    <fieldset className="form-section processing-list">
      <legend className="form-section__title">{props.legend}</legend>
      {props.hint ? <p className="field__hint">{props.hint}</p> : null}
      {listError ? <p className="field__error">{listError}</p> : null}
      {props.rows.map((row, i) => (
        <div className="processing-list__group" key={i} role="group" aria-label={`${props.itemLabel} ${i + 1}`}>
          {props.renderRow(
            row,
            (next) => props.onChange(props.rows.map((x, j) => (j === i ? next : x))),
            (field) => props.errors[`${props.path}.${i}.${field}`],
            i,
          )}
          <button
            type="button"
            className="button button--small processing-list__remove"
            aria-label={`Remove ${props.itemLabel.toLowerCase()} ${i + 1}`}
            onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => props.onChange([...props.rows, props.empty()])}>
        Add {props.itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
