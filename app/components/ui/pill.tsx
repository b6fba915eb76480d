import type { ReactNode } from 'react';
import '@/app/components/console/console.css';

const PILL_TONES = {
  active: 'bg-brand-50 text-brand-700 ring-brand-100',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-rose-50 text-rose-800 ring-rose-200',
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
  accent: 'bg-violet-50 text-violet-800 ring-violet-200',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  muted: 'bg-slate-100 text-slate-600 ring-slate-200',
} as const;

export type PillTone = keyof typeof PILL_TONES;

/** A small rounded label (an order's status, a run's result, a store's health) in one of a few tones. */
export function Pill({ tone, children }: { tone: PillTone; children: ReactNode }) {
  return <span className={`ob-pill ${PILL_TONES[tone]}`}>{children}</span>;
}
