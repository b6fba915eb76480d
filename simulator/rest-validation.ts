import type { InvalidParam } from './rest-errors';

/** The first value of a query parameter that may be given more than once. */
export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** WordPress lists enums as "a, b, and c" (wp_sprintf's %l). */
export function humanList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

export function checkEnum(param: string, value: string, allowed: readonly string[]): InvalidParam | null {
  if (allowed.includes(value)) return null;
  return { param, code: 'rest_not_in_enum', message: `${param} is not one of ${humanList(allowed)}.` };
}

export interface IntegerRule {
  minimum?: number;
  maximum?: number;
}

export function parseIntegerParam(
  param: string,
  raw: string | undefined,
  fallback: number,
  rule: IntegerRule,
  problems: InvalidParam[],
): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    problems.push({ param, code: 'rest_invalid_type', message: `${param} is not of type integer.` });
    return fallback;
  }
  const value = Number.parseInt(raw, 10);
  const { minimum, maximum } = rule;
  const tooLow = minimum !== undefined && value < minimum;
  const tooHigh = maximum !== undefined && value > maximum;
  if (tooLow || tooHigh) {
    const message =
      minimum !== undefined && maximum !== undefined
        ? `${param} must be between ${minimum} (inclusive) and ${maximum} (inclusive)`
        : minimum !== undefined
          ? `${param} must be greater than or equal to ${minimum}`
          : `${param} must be less than or equal to ${maximum}`;
    problems.push({ param, code: 'rest_out_of_bounds', message });
    return fallback;
  }
  return value;
}

export function parseBooleanParam(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  return ['1', 'true', 'yes'].includes(raw.toLowerCase());
}

/** Array parameters accept `a,b`, `x[]=a&x[]=b` and `x[0]=a` alike. */
export function parseListParam(raw: string | string[] | undefined): string[] {
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

const emailPattern = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

export function isValidEmail(value: string): boolean {
  return emailPattern.test(value) && value.length >= 6;
}
