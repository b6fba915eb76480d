/** A calm placeholder while a console page renders on the server. */
export function PageLoading({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-4">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="h-7 w-40 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
      <div aria-hidden="true" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="h-5 animate-pulse rounded bg-slate-100 motion-reduce:animate-none" />
        ))}
      </div>
    </div>
  );
}
