/**
 * An error whose message says what a person must do (an empty library, a refused token, a wrong flag): the entry
 * point prints the message as it is, without a stack, and exits non-zero.
 */
export class ExplainedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
