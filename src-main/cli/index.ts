/**
 * The shipped clinic-vault command (bin/clinic-vault.mjs and `npm run cli` load
 * this file). It passes only the arguments: everything else is the product's
 * default, so no switch on the command line can weaken a real vault.
 */
import { runCli } from './run-cli';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
