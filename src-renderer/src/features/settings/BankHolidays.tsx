import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { DateField, TextField } from '../../components/Field';
import { useFieldErrors } from '../../components/useFieldErrors';
import { useToast } from '../../components/Toast';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { BankHoliday } from '../../../../src-main/contract/calendar-types';
import { issuesToFieldErrors } from '../../validation';
import { BANK_HOLIDAY_OPTIONS } from './clinic-form';
import { BankHolidayRows } from './BankHolidayRows';
import './bank-holidays.css';

/** The query every bank-holiday read shares, so one invalidation after a change refreshes them all. */
export const BANK_HOLIDAYS_KEY = ['calendar.holidays'] as const;

/**
 * The bank holidays the statutory deadlines count (docs/deadlines.md): the
 * region chosen in Clinic details, the year's dates with "Expected" on those
 * GOV.UK has not published yet, and the owner's own one-off dates.
 */
export function BankHolidays() {
  const [year, setYear] = useState(() => Number(todayIso().slice(0, 4)));
  const queryClient = useQueryClient();
  const toast = useToast();
  const holidays = useQuery({
    queryKey: [...BANK_HOLIDAYS_KEY, year],
    queryFn: () => api('calendar.holidays', { year }),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const changed = (message: string) => {
    setProblem(null);
    toast(message);
    return queryClient.invalidateQueries({ queryKey: BANK_HOLIDAYS_KEY });
  };
  const remove = useMutation({
    mutationFn: (h: BankHoliday) => api('calendar.removeHoliday', { date: h.date }),
    onSuccess: (_y, h) => changed(h.addedByOwner ? `${h.name} taken out.` : `${formatDay(h.date)} is now a working day.`),
    onError: (err) => setProblem(messageOf(err)),
  });
  const restore = useMutation({
    mutationFn: (h: BankHoliday) => api('calendar.addHoliday', { date: h.date, name: h.name }),
    onSuccess: (_y, h) => changed(`${h.name} put back.`),
    onError: (err) => setProblem(messageOf(err)),
  });

  const data = holidays.data;
  const regionLabel = data ? (BANK_HOLIDAY_OPTIONS.find((o) => o.value === data.region)?.label ?? data.region) : '';
  const anyExpected = data?.holidays.some((h) => h.expected) ?? false;

  return (
    <section className="card card--table bank-holidays" aria-labelledby="bank-holidays-heading">
      <div className="card__head">
        <div>
          <h2 id="bank-holidays-heading" className="card__title">
            Bank holidays
          </h2>
          <p className="card__lead">
            {data ? (
              <>
                Deadlines for data requests skip weekends and the bank holidays of <strong>{regionLabel}</strong>.
                Change the region under Clinic details above.
              </>
            ) : (
              'Deadlines for data requests skip weekends and these bank holidays.'
            )}
          </p>
        </div>
        <div className="bank-holidays__years" role="group" aria-label="Year shown">
          <button type="button" className="button" onClick={() => setYear((y) => y - 1)} disabled={year <= 2000}>
            <span aria-hidden="true">‹</span> {year - 1}
          </button>
          <strong aria-live="polite" className="bank-holidays__year">
            {year}
          </strong>
          <button type="button" className="button" onClick={() => setYear((y) => y + 1)} disabled={year >= 2100}>
            {year + 1} <span aria-hidden="true">›</span>
          </button>
        </div>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {holidays.error ? <Alert kind="error">{messageOf(holidays.error)}</Alert> : null}
      {holidays.isPending ? <p className="loading card__pad">Loading bank holidays…</p> : null}
      {data ? (
        <>
          {anyExpected ? (
            <p className="card__pad field__hint">
              GOV.UK has not published {year} yet: these dates follow the usual pattern and are marked Expected. A
              one-off holiday announced later can be added below.
            </p>
          ) : null}
          <BankHolidayRows
            year={data}
            busy={remove.isPending || restore.isPending}
            onRemove={(h) => remove.mutate(h)}
            onRestore={(h) => restore.mutate(h)}
          />
          <AddHolidayForm onAdded={(name) => void changed(`${name} added.`)} />
          <p className="card__pad field__hint">{data.source}</p>
        </>
      ) : null}
    </section>
  );
}

function AddHolidayForm(props: { onAdded: (name: string) => void }) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (input: { date: string; name: string }) => api('calendar.addHoliday', input),
    onSuccess: (_y, input) => {
      setDate('');
      setName('');
      setProblem(null);
      props.onAdded(input.name);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(issuesToFieldErrors(err.issues));
      setProblem(messageOf(err));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const iso = parseUkDate(date);
    const found: Record<string, string> = {};
    if (!iso) found.date = 'Enter a real date, like 08/05/2023.';
    if (name.trim() === '') found.name = 'Enter the name of the holiday.';
    setErrors(found);
    if (!iso || Object.keys(found).length > 0) return;
    add.mutate({ date: iso, name: name.trim() });
  }

  return (
    <form className="card__pad" onSubmit={submit} noValidate aria-labelledby="add-holiday-heading">
      <h3 id="add-holiday-heading" className="bank-holidays__add-title">
        Add a one-off bank holiday
      </h3>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div className="form-grid">
        <DateField
          label="Date"
          value={date}
          onChange={(v) => {
            setDate(v);
            clear('date');
          }}
          error={errors.date}
        />
        <TextField
          label="Name"
          hint="As proclaimed, e.g. “Bank holiday for the coronation”."
          value={name}
          onChange={(v) => {
            setName(v);
            clear('name');
          }}
          error={errors.name}
        />
      </div>
      <div className="form-actions form-actions--start">
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add bank holiday'}
        </button>
      </div>
    </form>
  );
}
