import type { DatabaseCheckResult } from '../../../../src-main/contract/types';
import {
  DATABASE_DAMAGE_ADVICE,
  damagedPageLine,
  databaseCheckSummary,
} from '../../../../src-main/contract/integrity-messages';

/** The database part of a vault check: every page, and SQLite's structure check; damaged pages by number. */
export function DatabaseCheckCard({ result }: { result: DatabaseCheckResult }) {
  const more = result.damagedPageCount - result.damagedPages.length;
  return (
    <section className="card" aria-labelledby="check-database-heading">
      <h2 id="check-database-heading" className="card__title">
        Database
      </h2>
      <p className={result.ok ? 'result result--ok' : 'result result--bad'}>{databaseCheckSummary(result)}</p>
      {result.ok ? null : (
        <>
          {/* The advice asks support to be quoted "the page numbers below", so it comes before the list. */}
          <p>{DATABASE_DAMAGE_ADVICE}</p>
          {result.damagedPages.length > 0 ? (
            <ul className="plain-list" aria-label="Damaged pages">
              {result.damagedPages.map((d) => (
                <li key={`${d.location}-${d.frame ?? 0}-${d.page}`} className="mono">
                  {damagedPageLine(d)}
                </li>
              ))}
              {more > 0 ? <li>…and {more} more</li> : null}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
