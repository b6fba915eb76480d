import type { ReactNode } from 'react';
import '@/app/components/console/console.css';

/** A small rounded label (an order's status, a run's result, a store's health); `tone` holds its colours. */
export function Pill({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`ob-pill ${tone}`}>{children}</span>;
}
