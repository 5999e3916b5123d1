/** Input schemas for the register of data subject requests (docs/requests.md). */
import { z } from 'zod';
import { idSchema, isoDate, note, requiredText, text } from './field-schemas';
import {
  FEE_REASONS,
  REQUEST_CHANNELS,
  REQUEST_LETTER_KINDS,
  REQUEST_OUTCOMES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
} from './request-types';

const date = (what: string) => isoDate.nullable().default(null).describe(what);

/**
 * "Today" for the dates the register computes (days left, overdue), fixed by
 * `--as-of` in the CLI so a printed register can be reproduced. It can only go
 * back: the core refuses a day after the real today.
 */
const asOf = isoDate.optional();

const requestType = z.enum(REQUEST_TYPES, {
  error: 'Choose the kind of request: access, rectification, erasure, restriction, objection, portability, consent withdrawal or complaint.',
});

const requester = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('self') }),
    z.object({
      kind: z.literal('third_party'),
      name: requiredText(200, 'name of the person asking'),
      relationship: requiredText(200, 'relationship to the client (for example solicitor, parent, attorney)'),
      authority: text(500, 'authority').nullable().default(null).transform((v) => (v === '' ? null : v)),
      proof: text(500, 'proof of authority').nullable().default(null).transform((v) => (v === '' ? null : v)),
    }),
  ],
  { error: 'Say who asked: the client themselves, or someone on their behalf.' },
);

const types = z
  .array(requestType)
  .min(1, 'Choose at least one kind of request.')
  .max(REQUEST_TYPES.length)
  .transform((list) => REQUEST_TYPES.filter((t) => list.includes(t)));

export const requestSchemas = {
  'requests.add': z
    .object({
      clientId: idSchema.nullable().default(null),
      personName: text(200, 'name of the person').nullable().default(null).transform((v) => (v === '' ? null : v)),
      types,
      channel: z.enum(REQUEST_CHANNELS, { error: 'Say how the request came in: letter, email, phone, in person or web form.' }),
      receivedOn: isoDate,
      requester: requester.default({ kind: 'self' }),
      identityNeeded: text(300, 'ID needed').default(''),
      identityRequestedOn: date('the day ID was asked for'),
      notes: note(5000, 'notes').default(''),
      asOf,
    })
    .refine((v) => (v.clientId === null) !== (v.personName === null), {
      message: 'Choose the client the request is from, or type the name of the person if they are not matched to a client yet (not both).',
      path: ['clientId'],
    }),
  /** Reception may do this: the ID (or a third party's authority) asked for and received. */
  'requests.recordIdentity': z.object({
    id: idSchema,
    identityRequestedOn: isoDate.nullable().optional(),
    identityReceivedOn: isoDate.nullable().optional(),
    asOf,
  }),
  'requests.update': z.object({
    id: idSchema,
    changes: z
      .object({
        clientId: idSchema,
        types,
        channel: z.enum(REQUEST_CHANNELS),
        receivedOn: isoDate,
        requester,
        identityNeeded: text(300, 'ID needed'),
        identityRequestedOn: isoDate.nullable(),
        identityReceivedOn: isoDate.nullable(),
        authorityRequestedOn: isoDate.nullable(),
        authorityReceivedOn: isoDate.nullable(),
        clarificationAskedOn: isoDate,
        clarificationAnsweredOn: isoDate,
        fee: z.object({
          reason: z.enum(FEE_REASONS, { error: 'A fee can only be asked for a manifestly unfounded or excessive request: say which.' }),
          amountPence: z.number().int().min(1, 'Enter the fee.').max(100_000_00),
          requestedOn: isoDate,
        }),
        feeReceivedOn: isoDate,
        extension: z.object({
          reason: note(2000, 'reason for the extension').min(1, 'Give the reason for the extension (it must be told to the person).'),
          toldOn: isoDate,
        }),
        status: z.enum(REQUEST_STATUSES, { error: 'The status is open or closed.' }),
        outcome: z.enum(REQUEST_OUTCOMES).nullable(),
        responseSentOn: isoDate.nullable(),
        notes: note(5000, 'notes'),
      })
      .partial()
      .refine((c) => Object.keys(c).length > 0, { message: 'Nothing to change.' }),
    asOf,
  }),
  'requests.get': z.object({ id: idSchema, asOf }),
  'requests.list': z
    .object({
      status: z.enum(['open', 'closed', 'all']).default('open'),
      overdue: z.boolean().default(false),
      dueWithinDays: z.number().int().min(0).max(366).nullable().default(null),
      asOf,
    })
    .default({ status: 'open', overdue: false, dueWithinDays: null }),
  'requests.dashboard': z.object({ asOf }).default({}),
  'requests.letter': z.object({
    id: idSchema,
    kind: z.enum(REQUEST_LETTER_KINDS, { error: 'The letter is an acknowledgement, a refusal or a fee letter.' }),
    /** For a refusal or fee letter: why the request is manifestly unfounded or excessive, in words for the person. */
    reasons: note(4000, 'reasons').default(''),
    asOf,
  }),
} as const;
