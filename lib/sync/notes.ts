import type { WooOrderNote } from '../woo/types';
import { parseWooGmt } from '../woo/types';

/** Notes the target store writes for itself when the copy changes; carrying them would say everything twice. */
const STORE_GENERATED_NOTE = /^(Order status changed from|Stock levels (reduced|increased)|Copied from |Customer email: |Note from )/i;

/** Private notes added to the source since the copy was made and not carried yet, oldest first. */
export function notesToCarry(notes: WooOrderNote[], since: Date | null, alreadyCarried: number[]): WooOrderNote[] {
  const carried = new Set(alreadyCarried);
  const floor = since ? Math.floor(since.getTime() / 1000) * 1000 : -Infinity;
  return notes
    .filter((n) => !n.customer_note && !carried.has(n.id) && !STORE_GENERATED_NOTE.test(stripTags(n.note).trim()))
    .filter((n) => parseWooGmt(n.date_created_gmt).getTime() >= floor)
    .sort((a, b) => a.id - b.id);
}

export function carriedNoteText(sourceStoreName: string, sourceNumber: string, note: string): string {
  return `Note from ${sourceStoreName} order #${sourceNumber}: ${stripTags(note).trim()}`;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}
