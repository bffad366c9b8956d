/**
 * The `gitops` CLI.
 *
 * @packageDocumentation
 */

import { run } from './cli';

run(process.argv.slice(2), {
  io: {
    log: line => process.stdout.write(`${line}\n`),
    error: line => process.stderr.write(`${line}\n`),
  },
  env: process.env,
  cwd: process.cwd(),
}).then(code => {
  process.exitCode = code;
});
