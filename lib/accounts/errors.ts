/** An error whose message is safe and useful to show the person who caused it. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export class NotFoundError extends UserFacingError {
  constructor(what = 'That item') {
    super(`${what} was not found.`, 'not_found');
    this.name = 'NotFoundError';
  }
}
