import type { WooOrderNote } from '@/lib/woo/types';
import { parseWooGmt } from '@/lib/woo/types';

/** Notes the target store writes for itself when the copy changes; carrying them would say everything twice. */
const STORE_GENERATED_NOTE =
  /^(Order status changed from|Stock levels (reduced|increased)|Item #\d+ stock (increased|reduced)|Copied from |Customer email: |Note from )/i;

/** Private notes added to the source since the copy was made and not carried yet, oldest first. */
export function notesToCarry(notes: WooOrderNote[], since: Date | null, alreadyCarried: number[]): WooOrderNote[] {
  const carried = new Set(alreadyCarried);
  const floor = since ? Math.floor(since.getTime() / 1000) * 1000 : -Infinity;
  return notes
    .filter((n) => !n.customer_note && !carried.has(n.id) && !STORE_GENERATED_NOTE.test(stripTags(n.note).trim()))
    .filter((n) => parseWooGmt(n.date_created_gmt).getTime() >= floor)
    .sort((a, b) => a.id - b.id);
}

/** The source note's id in the text is the marker a later attempt finds it by on the copy (notes carry no meta). */
export function carriedNoteText(sourceStoreName: string, sourceNumber: string, note: Pick<WooOrderNote, 'id' | 'note'>): string {
  return `Note from ${sourceStoreName} order #${sourceNumber} (note ${note.id}): ${stripTags(note.note).trim()}`;
}

const CARRIED_MARKER = /^Note from .*? \(note (\d+)\):/;

/** Ids of source notes already carried onto the copy, read from the copy's own notes. */
export function carriedNoteIdsOn(copyNotes: WooOrderNote[]): Set<number> {
  const ids = new Set<number>();
  for (const n of copyNotes) {
    const match = CARRIED_MARKER.exec(stripTags(n.note).trim());
    if (match) ids.add(Number(match[1]));
  }
  return ids;
}

/** Whether the copy already has the note Orderbridge adds to a new copy (where it came from, the customer's email). */
export function hasCopyNote(copyNotes: WooOrderNote[]): boolean {
  return copyNotes.some((n) => !n.customer_note && /^(Copied from |Customer email: )/.test(stripTags(n.note).trim()));
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}
