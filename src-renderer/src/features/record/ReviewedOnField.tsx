import { DateField } from '../../components/Field';
import { formatDay, todayIso } from '../../dates';

/** "Last reviewed with the client": a DD/MM/YYYY date, with a one-click Today. */
export function ReviewedOnField(props: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <div className="date-with-action">
      <DateField
        label="Last reviewed with the client"
        hint="DD/MM/YYYY. Review the history with the client before each treatment."
        value={props.value}
        onChange={props.onChange}
        error={props.error}
      />
      <button
        type="button"
        className="button button--small"
        onClick={() => props.onChange(formatDay(todayIso()))}
      >
        Today
      </button>
    </div>
  );
}
