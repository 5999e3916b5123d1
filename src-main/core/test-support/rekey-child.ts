/**
 * Run as a child process by rekey.test.ts: rotates a database file's key and
 * SIGKILLs itself at the Nth progress report (or, with "after", once the
 * rotation has returned), the way a power cut or a crash would stop it.
 *
 *   node --import tsx rekey-child.ts DB OLD_KEY_HEX NEW_KEY_HEX N|after
 */
import { rekeyDatabaseFile } from '../db/rekey';

const [dbPath, oldHex, newHex, killAt] = process.argv.slice(2) as [string, string, string, string];
let reports = 0;
await rekeyDatabaseFile(dbPath, Buffer.from(oldHex, 'hex'), Buffer.from(newHex, 'hex'), {
  onProgress: () => {
    reports++;
    if (String(reports) === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`reports=${reports}\n`);
if (killAt === 'after') process.kill(process.pid, 'SIGKILL');
