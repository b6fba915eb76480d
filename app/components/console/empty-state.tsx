import Link from 'next/link';
import { buttonClass } from '@/app/components/ui/button';

export function EmptyState({ title, body, action }: { title: string; body: string; action?: { href: string; label: string } }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">{body}</p>
      {action ? (
        <Link href={action.href} className={`${buttonClass()} mt-4`}>
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
