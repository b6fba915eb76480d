/** "1 order", "2 orders", "1,250 copies": the count as merchants read numbers, and the word that goes with it. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}
