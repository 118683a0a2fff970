/** An error the Step Functions API answers with; `name` is the AWS error code (`__type` on the wire). */
export class SfnError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * A failure inside a running machine. ASL `Retry`/`Catch` match on `name` and `Cause` is `message`,
 * so a handler's error class name plays the part of Lambda's `errorType`.
 */
export class StatesError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }

  static from(thrown: unknown): StatesError {
    if (thrown instanceof Error) return new StatesError(thrown.name || 'Error', thrown.message);
    return new StatesError('Error', typeof thrown === 'string' ? thrown : (JSON.stringify(thrown) ?? String(thrown)));
  }
}
