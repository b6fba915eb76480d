import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { classNames } from './class-names';

/** `sm` for filter bars and controls inside a table row; `lg` for the sign-in pages, at the page's own text size. */
export type ControlSize = 'sm' | 'md' | 'lg';
/** `inline` sits in a row of controls; otherwise the control fills the width under its label. */
export type ControlLook = { controlSize?: ControlSize; inline?: boolean };

const CONTROL =
  'rounded-md border border-slate-300 bg-white text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';
const CONTROL_SIZES: Record<ControlSize, string> = { sm: 'px-2.5 py-1.5 text-sm', md: 'px-3 py-2 text-sm', lg: 'px-3 py-2 text-base' };

export function controlClass({ controlSize = 'md', inline = false }: ControlLook = {}): string {
  return classNames(CONTROL, CONTROL_SIZES[controlSize], !inline && 'mt-1 block w-full');
}

export function Input({ controlSize, inline, className, ...props }: InputHTMLAttributes<HTMLInputElement> & ControlLook) {
  return <input className={classNames(controlClass({ controlSize, inline }), className)} {...props} />;
}

export function Select({ controlSize, inline, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & ControlLook) {
  return <select className={classNames(controlClass({ controlSize, inline }), className)} {...props} />;
}

const LABEL = 'block text-sm font-medium text-slate-700';
const SMALL_LABEL = 'block text-xs font-medium text-slate-600';
const HINT = 'mt-1 block text-xs font-normal text-slate-500';

/** A label's classes; `small` over the compact controls of a filter bar. */
export function labelClass({ small = false }: { small?: boolean } = {}): string {
  return small ? SMALL_LABEL : LABEL;
}

export function Hint({ children }: { children: ReactNode }) {
  return <span className={HINT}>{children}</span>;
}

/** A label around its control, with an optional hint beneath; the whole text names the control. */
export function Field({ label, hint, htmlFor, children }: { label: ReactNode; hint?: ReactNode; htmlFor?: string; children: ReactNode }) {
  return (
    <label className={LABEL} htmlFor={htmlFor}>
      {label}
      {children}
      {hint ? <Hint>{hint}</Hint> : null}
    </label>
  );
}
