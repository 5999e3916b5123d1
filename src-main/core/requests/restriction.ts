/**
 * Restriction of processing (UK GDPR Art 18): while a client's data is
 * restricted it is stored but not otherwise used: no marketing, no disclosure,
 * no edits. The subject-requests issue records restrictions; until then no
 * client is restricted, and every caller that must honour a restriction (the
 * marketing export first) already asks here, so nothing else changes then.
 */
import type { Db } from '../db/types';

/** SQL that is true for a restricted client, given the clients row's alias. */
export function restrictedClientSql(_clientAlias: string): string {
  return '0';
}

export function isProcessingRestricted(_db: Db, _clientId: string): boolean {
  return false;
}
