import { DateField, SelectField, TextField } from '../../components/Field';
import type { AmountUnit } from '../../../../src-main/contract/record-types';
import { AMOUNT_UNIT_LABELS } from './treatment-form';
import type { TreatmentFieldsProps } from './treatment-fields';

const UNIT_OPTIONS: { value: AmountUnit | ''; label: string }[] = [
  { value: '', label: 'Unit…' },
  ...(Object.keys(AMOUNT_UNIT_LABELS) as AmountUnit[]).map((u) => ({
    value: u,
    label: AMOUNT_UNIT_LABELS[u],
  })),
];

/** Product, batch, expiry and amount: required for an injectable, so a recall can find it. */
export function TreatmentProductFields(props: TreatmentFieldsProps & { injectable: boolean }) {
  const { form, set, errors } = props;
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">
        Product and batch
        {props.injectable ? (
          <span className="legend-note">Required for injectables, to trace a recall</span>
        ) : null}
      </legend>
      <div className="form-grid">
        <TextField
          label="Product"
          hint="Brand and product name, as on the box."
          value={form.product}
          onChange={set('product')}
          error={errors.product}
          required={!!props.injectable}
        />
        <TextField
          label="Batch / lot number"
          value={form.batchNumber}
          onChange={set('batchNumber')}
          error={errors.batchNumber}
          inputClassName="input--mono input--short"
          required={!!props.injectable}
        />
        <DateField
          label="Expiry date"
          hint="As on the box: 31/08/2027, or 08/2027."
          value={form.batchExpiry}
          onChange={set('batchExpiry')}
          error={errors.batchExpiry}
          required={!!props.injectable}
        />
        <div className="amount-pair">
          <TextField
            label="Amount"
            inputMode="numeric"
            inputClassName="input--tiny"
            value={form.amount}
            onChange={set('amount')}
            error={errors.amount}
          />
          <SelectField
            label="Unit"
            value={form.amountUnit}
            onChange={set('amountUnit')}
            options={UNIT_OPTIONS}
            error={errors.amountUnit}
          />
        </div>
      </div>
    </fieldset>
  );
}
