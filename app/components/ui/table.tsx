import type { ReactNode } from 'react';
import { cardClass } from './card';

const HEADER_CELL = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500';

/** A wide table in a card that scrolls sideways on a narrow screen; focusable, so the keyboard can scroll it too. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={`${cardClass()} overflow-x-auto`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A column heading of the console's tables; amounts are right-aligned. */
export function HeaderCell({ children, align = 'left' }: { children: ReactNode; align?: 'left' | 'right' }) {
  return (
    <th scope="col" className={`${HEADER_CELL} ${align === 'right' ? 'text-right' : 'text-left'}`}>
      {children}
    </th>
  );
}
