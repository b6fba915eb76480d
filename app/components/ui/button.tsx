import type { ButtonHTMLAttributes } from 'react';
import { classNames } from './class-names';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'danger-secondary';
/** `lg` is the sign-in pages' size: the page's own text size rather than the console's smaller one. */
export type ButtonSize = 'sm' | 'md' | 'lg';

const BASE = 'inline-flex items-center justify-center gap-2 rounded-md font-medium disabled:cursor-not-allowed disabled:opacity-60';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-brand-600 text-white shadow-sm hover:bg-brand-700',
  secondary: 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-100',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-700',
  'danger-secondary': 'border border-red-300 bg-white text-red-700 hover:bg-red-50',
};

const FILLED = new Set<ButtonVariant>(['primary', 'danger']);

function sizeClass(variant: ButtonVariant, size: ButtonSize): string {
  if (size === 'sm') return 'px-2.5 py-1.5 text-sm';
  if (size === 'lg') return 'px-4 py-2 text-base';
  // A filled button is the main action of its form: a little wider than the outlined ones beside it.
  return FILLED.has(variant) ? 'px-4 py-2 text-sm' : 'px-3 py-2 text-sm';
}

export type ButtonLook = { variant?: ButtonVariant; size?: ButtonSize };

/** A button's classes, for a link that looks like a button. */
export function buttonClass({ variant = 'primary', size = 'md' }: ButtonLook = {}): string {
  return classNames(BASE, VARIANTS[variant], sizeClass(variant, size));
}

export function Button({ variant, size, className, type = 'submit', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & ButtonLook) {
  return <button type={type} className={classNames(buttonClass({ variant, size }), className)} {...props} />;
}
