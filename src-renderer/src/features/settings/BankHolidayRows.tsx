import type { BankHoliday, BankHolidayYear } from '../../../../src-main/contract/calendar-types';
import { formatDay } from '../../dates';

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const weekdayOf = (iso: string) => WEEKDAY.format(new Date(`${iso}T00:00:00Z`));

/** One row per date: the day, its name, where it comes from, and Remove / Put back for the owner. */
export function BankHolidayRows(props: {
  year: BankHolidayYear;
  busy: boolean;
  onRemove: (h: BankHoliday) => void;
  onRestore: (h: BankHoliday) => void;
}) {
  const { year } = props;
  if (year.holidays.length === 0) return <p className="empty">No bank holidays in {year.year}.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Bank holidays in {year.year}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Holiday</th>
          <th scope="col">
            <span className="visually-hidden">Change</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {year.holidays.map((h) => (
          <tr key={h.date} className={h.removedByOwner ? 'table__row--muted' : undefined}>
            <td>
              {weekdayOf(h.date)} {formatDay(h.date)}
            </td>
            <th scope="row" className="table__name">
              {h.removedByOwner ? <s>{h.name}</s> : h.name}
              {h.substitute ? <span className="tag">substitute day</span> : null}
              {h.expected ? <span className="badge badge--warning">Expected</span> : null}
              {h.addedByOwner ? <span className="badge">Added by you</span> : null}
              {h.removedByOwner ? <span className="tag">removed: a working day</span> : null}
            </th>
            <td className="table__actions">
              {h.removedByOwner ? (
                <button type="button" className="button button--small" disabled={props.busy} onClick={() => props.onRestore(h)}>
                  Put back<span className="visually-hidden"> {h.name}, {formatDay(h.date)}</span>
                </button>
              ) : (
                <button type="button" className="button button--small" disabled={props.busy} onClick={() => props.onRemove(h)}>
                  Remove<span className="visually-hidden"> {h.name}, {formatDay(h.date)}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
