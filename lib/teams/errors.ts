import { UserFacingError } from '../accounts/errors';

export const LAST_OWNER_MESSAGE =
  'A workspace always keeps at least one owner. Make someone else an owner first, or delete the workspace.';

export class LastOwnerError extends UserFacingError {
  constructor() {
    super(LAST_OWNER_MESSAGE, 'last_owner');
    this.name = 'LastOwnerError';
  }
}
