import type { HTMLAttributes } from 'react';
import { classNames } from './class-names';

/** `raised` is the frame of a page on its own (sign-in, the account page); `danger` holds an action that cannot be undone. */
export type CardLook = { raised?: boolean; danger?: boolean };

/** A card's classes, for an element the Card component does not render (a form, a table's scroll box). */
export function cardClass({ raised = false, danger = false }: CardLook = {}): string {
  return classNames(raised ? 'rounded-xl shadow-sm' : 'rounded-lg', 'border bg-white', danger ? 'border-red-200' : 'border-slate-200');
}

type CardProps = HTMLAttributes<HTMLElement> & CardLook & { as?: 'div' | 'section' | 'article' };

export function Card({ as: Element = 'div', raised, danger, className, ...props }: CardProps) {
  return <Element className={classNames(cardClass({ raised, danger }), className)} {...props} />;
}
