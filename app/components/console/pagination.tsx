import Link from 'next/link';
import { buttonClass } from '@/app/components/ui/button';

/** Previous/next links that keep every other URL parameter. */
export function Pagination({
  basePath,
  params,
  page,
  hasNextPage,
  label,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  hasNextPage: boolean;
  label: string;
}) {
  const hrefFor = (target: number) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value && key !== 'page') search.set(key, value);
    if (target > 1) search.set('page', String(target));
    const query = search.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  if (page === 1 && !hasNextPage) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={buttonClass({ variant: 'secondary' })} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">Page {page.toLocaleString('en-GB')}</span>
      {hasNextPage ? (
        <Link href={hrefFor(page + 1)} className={buttonClass({ variant: 'secondary' })} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
