/**
 * An expected failure of a command: bad usage, an unreadable file, a refused request.
 * `main` prints `aman: <message>` and exits with `exitCode`; anything else is a bug and shows a stack.
 *
 * @example
 * throw new CliError('expected a port between 1 and 65535, got "abc"', EXIT_USAGE);
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Something failed (a file could not be hashed, the server refused a request). */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong (unknown flag, missing argument). */
export const EXIT_USAGE = 2;
