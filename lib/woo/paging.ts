/** More pages than any store has: past it an X-WP-Total / X-WP-TotalPages value is nonsense, not a count. */
const MAX_COUNT = 100_000_000;

/**
 * `X-WP-Total` and `X-WP-TotalPages` as a count, or null when the store sent none or nonsense ("abc", "-1",
 * "1e9", "2.5", a huge number). Loops never trust it further than "this page is the last".
 */
export function parseWpCount(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return count <= MAX_COUNT ? count : null;
}

/** A short page ends a listing; so does the store saying this page is its last. Without that header, only a short page does. */
export function isLastPage(itemsOnPage: number, pageSize: number, page: number, totalPagesHeader: string | undefined): boolean {
  if (itemsOnPage < pageSize) return true;
  const totalPages = parseWpCount(totalPagesHeader);
  return totalPages !== null && page >= totalPages;
}
