/**
 * The CLI as its tests run it: the shipped program (src-main/cli/run-cli.ts),
 * same commands, same output, same exit codes, but built with the cheap key
 * derivation so a test vault opens in milliseconds. The shipped entry
 * (src-main/cli/index.ts) has no way to ask for this; only code that imports
 * run-cli.ts and passes `deps` can, and nothing in the product does.
 *
 *   node --import tsx src-main/test-support/cli-entry.ts <command> ...
 */
import { runCli } from '../cli/run-cli';

runCli(process.argv.slice(2), { kdfCost: 'test' }).then((code) => {
  process.exitCode = code;
});
