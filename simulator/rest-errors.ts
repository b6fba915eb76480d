export interface RestErrorBody {
  code: string;
  message: string;
  data: { status: number; [key: string]: unknown };
}

/** A WordPress REST error: `{code, message, data: {status}}`, thrown by handlers and rendered by the server. */
export class RestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extraData: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): RestErrorBody {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.extraData } };
  }
}

export interface InvalidParam {
  param: string;
  code: string;
  message: string;
}

export function invalidParams(problems: InvalidParam[]): RestError {
  const params: Record<string, string> = {};
  const details: Record<string, { code: string; message: string; data: null }> = {};
  for (const problem of problems) {
    params[problem.param] = problem.message;
    details[problem.param] = { code: problem.code, message: problem.message, data: null };
  }
  const names = problems.map((problem) => problem.param).join(', ');
  return new RestError('rest_invalid_param', `Invalid parameter(s): ${names}`, 400, { params, details });
}

export function missingParams(names: string[]): RestError {
  return new RestError('rest_missing_callback_param', `Missing parameter(s): ${names.join(', ')}`, 400, {
    params: names,
  });
}

export const noRoute = (): RestError => new RestError('rest_no_route', 'No route was found matching the URL and request method.', 404);

export const invalidOrderId = (status: number): RestError => new RestError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', status);
