import { InputError, NotFoundError } from '@backstage/errors';

/**
 * A file of the GitOps or infrastructure repository that cannot be used as it
 * is: the message names the file, the line and what was expected there.
 *
 * @public
 */
export class GitopsFileError extends InputError {
  readonly file: string;
  readonly line?: number;

  constructor(options: { file: string; line?: number; message: string }) {
    const where =
      options.line !== undefined
        ? `${options.file}:${options.line}`
        : options.file;
    super(`${where}: ${options.message}`);
    this.file = options.file;
    this.line = options.line;
  }
}

/**
 * A service or environment that the repository does not have; the message
 * lists the ones it has.
 *
 * @public
 */
export class UnknownNameError extends NotFoundError {
  constructor(what: string, name: string, known: readonly string[]) {
    super(
      `Unknown ${what} '${name}'; expected one of: ${
        known.length ? known.join(', ') : '(none)'
      }`,
    );
  }
}
