import { useId, type ReactNode } from 'react';

interface BaseProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? hintId : null, error ? errorId : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div
      className={`field${props.error ? ' field--invalid' : ''}${props.className ? ` ${props.className}` : ''}`}
    >
      <label htmlFor={props.id} className="field__label">
        {props.label}
      </label>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p id={`${props.id}-error`} className="field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'number' | 'search';
  autoComplete?: string;
  required?: boolean;
  autoFocus?: boolean;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  min?: number;
  max?: number;
  maxLength?: number;
  spellCheck?: boolean;
  list?: string;
  placeholder?: string;
  inputClassName?: string;
  disabled?: boolean;
  /** 'auto' for names and free text, so Arabic or Hebrew is laid out right to left. */
  dir?: 'auto' | 'ltr';
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error} className={props.className}>
      <input
        id={id}
        className={`input${props.inputClassName ? ` ${props.inputClassName}` : ''}`}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        required={props.required}
        autoFocus={props.autoFocus}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
        maxLength={props.maxLength}
        spellCheck={props.spellCheck ?? false}
        list={props.list}
        placeholder={props.placeholder}
        disabled={props.disabled}
        dir={props.dir}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

/** A UK date typed as DD/MM/YYYY (parsed by dates.ts): the same placeholder and width everywhere. */
export function DateField(props: Omit<TextFieldProps, 'type' | 'placeholder' | 'inputClassName'>) {
  return <TextField {...props} placeholder="DD/MM/YYYY" inputClassName="input--short" />;
}

export interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  autoComplete?: string;
  maxLength?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error} className={props.className}>
      <textarea
        id={id}
        className="input input--multiline"
        value={props.value}
        rows={props.rows ?? 3}
        dir="auto"
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

export interface SelectFieldProps<V extends string> extends BaseProps {
  value: V;
  onChange: (value: V) => void;
  options: readonly { value: V; label: string }[];
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error} className={props.className}>
      <select
        id={id}
        className="input input--select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as V)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, props.hint, props.error)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
