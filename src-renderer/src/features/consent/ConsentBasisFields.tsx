import { Checkbox } from '../../components/Checkbox';
import type { MarketingBasis } from '../../../../src-main/contract/consent-types';
import { BASIS_LABELS } from './consent-labels';
import type { SoftOptInAnswers } from './useRecordConsentForm';

/**
 * The basis for email or SMS marketing (PECR reg 22): consent, or the soft
 * opt-in with its three conditions, each of which must be true.
 */
export function ConsentBasisFields(props: {
  channel: 'email' | 'SMS';
  basis: MarketingBasis;
  soft: SoftOptInAnswers;
  errors: Record<string, string>;
  onBasis: (basis: MarketingBasis) => void;
  onSoft: (key: keyof SoftOptInAnswers, value: boolean) => void;
}) {
  return (
    <fieldset className="consent-form__group">
      <legend className="consent-form__legend">Basis for {props.channel} marketing</legend>
      <div className="segmented consent-form__basis" role="radiogroup" aria-label="Basis">
        {(['consent', 'soft-opt-in'] as const).map((b) => (
          <label key={b} className={`segmented__button${props.basis === b ? ' segmented__button--on' : ''}`}>
            <input
              type="radio"
              name="consent-basis"
              className="segmented__radio"
              checked={props.basis === b}
              onChange={() => props.onBasis(b)}
            />
            {BASIS_LABELS[b]}
          </label>
        ))}
      </div>
      {props.basis === 'soft-opt-in' ? (
        <div className="form-stack form-stack--tight consent-form__conditions">
          <p className="field__hint">
            PECR allows marketing an existing client without asking, only when all three are true:
          </p>
          <Checkbox
            checked={props.soft.detailsCollectedDuringSale}
            onChange={(v) => props.onSoft('detailsCollectedDuringSale', v)}
          >
            Their details were collected during a sale, or while discussing a treatment
          </Checkbox>
          <Checkbox
            checked={props.soft.similarServicesOnly}
            onChange={(v) => props.onSoft('similarServicesOnly', v)}
          >
            Only the clinic’s own similar treatments will be marketed
          </Checkbox>
          <Checkbox
            checked={props.soft.optOutOfferedAtCollection}
            onChange={(v) => props.onSoft('optOutOfferedAtCollection', v)}
          >
            A free opt-out was offered when the details were collected (and will be in every message)
          </Checkbox>
          {props.errors.softOptIn ? <p className="field__error">{props.errors.softOptIn}</p> : null}
        </div>
      ) : null}
      {props.errors.basis ? <p className="field__error">{props.errors.basis}</p> : null}
    </fieldset>
  );
}
