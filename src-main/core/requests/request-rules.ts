/**
 * What a request's dates must satisfy, checked on the request as it would be
 * after a change, so a change that breaks one is refused with nothing stored
 * (docs/requests.md). Pure: the row and the day in, an AppError out.
 */
import { AppError } from '../../contract/errors';
import type { Clarification } from '../../contract/request-types';
import { formatUkDate } from '../../contract/uk-formats';
import type { RequestRow } from './request-store';

const DATE_LABELS: Partial<Record<keyof RequestRow, string>> = {
  received_on: 'the day the request was received',
  identity_requested_on: 'the day ID was asked for',
  identity_received_on: 'the day the ID arrived',
  authority_requested_on: 'the day proof of authority was asked for',
  authority_received_on: 'the day the proof of authority arrived',
  fee_requested_on: 'the day the fee was asked for',
  fee_received_on: 'the day the fee was paid',
  extension_told_on: 'the day the person was told of the extension',
  response_sent_on: 'the day the response was sent',
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function notInFuture(value: string | null, label: string, today: string): void {
  if (value !== null && value > today) {
    throw new AppError(
      'REQUEST_DATE_IN_FUTURE',
      `${capital(label)} (${formatUkDate(value)}) is after today (${formatUkDate(today)}). Enter the day it actually happened.`,
    );
  }
}

function inOrder(first: string | null, firstLabel: string, then: string | null, thenLabel: string): void {
  if (first !== null && then !== null && then < first) {
    throw new AppError(
      'REQUEST_DATE_ORDER',
      `${capital(thenLabel)} (${formatUkDate(then)}) is before ${firstLabel} (${formatUkDate(first)}). Check the dates.`,
    );
  }
}

function needs(value: string | null, label: string, before: string | null, beforeLabel: string): void {
  if (value !== null && before === null) {
    throw new AppError('REQUEST_DATE_ORDER', `${capital(label)} is recorded, but not ${beforeLabel}. Record that as well.`);
  }
}

export function checkRequestDates(row: RequestRow, clarifications: Clarification[], today: string): void {
  for (const [key, label] of Object.entries(DATE_LABELS) as [keyof RequestRow, string][]) {
    notInFuture(row[key] as string | null, label, today);
  }
  const received = row.received_on;
  const receivedLabel = DATE_LABELS.received_on!;
  for (const key of ['identity_requested_on', 'authority_requested_on', 'fee_requested_on', 'extension_told_on', 'response_sent_on'] as const) {
    inOrder(received, receivedLabel, row[key], DATE_LABELS[key]!);
  }
  needs(row.identity_received_on, DATE_LABELS.identity_received_on!, row.identity_requested_on, DATE_LABELS.identity_requested_on!);
  inOrder(row.identity_requested_on, DATE_LABELS.identity_requested_on!, row.identity_received_on, DATE_LABELS.identity_received_on!);
  needs(row.authority_received_on, DATE_LABELS.authority_received_on!, row.authority_requested_on, DATE_LABELS.authority_requested_on!);
  inOrder(row.authority_requested_on, DATE_LABELS.authority_requested_on!, row.authority_received_on, DATE_LABELS.authority_received_on!);
  needs(row.fee_received_on, DATE_LABELS.fee_received_on!, row.fee_requested_on, DATE_LABELS.fee_requested_on!);
  inOrder(row.fee_requested_on, DATE_LABELS.fee_requested_on!, row.fee_received_on, DATE_LABELS.fee_received_on!);
  let previousAnswer: string | null = null;
  for (const c of clarifications) {
    notInFuture(c.askedOn, 'the day clarification was asked for', today);
    notInFuture(c.answeredOn, 'the day the clarification arrived', today);
    inOrder(received, receivedLabel, c.askedOn, 'the day clarification was asked for');
    inOrder(previousAnswer, 'the answer to the clarification before it', c.askedOn, 'the day clarification was asked for');
    inOrder(c.askedOn, 'the day it was asked for', c.answeredOn, 'the day the clarification arrived');
    previousAnswer = c.answeredOn;
  }
  if (row.status === 'closed' && row.outcome === null) {
    throw new AppError('VALIDATION', 'Say how the request ended (the outcome) before closing it.', {
      issues: [{ field: 'outcome', message: 'Choose the outcome.' }],
    });
  }
}
