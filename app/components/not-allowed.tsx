import Link from 'next/link';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { Card } from '@/app/components/ui/card';
import { textLink } from '@/app/components/ui/text-link';

/** What a page says to a role it is not for: the server refuses its actions regardless. */
export function NotAllowed({ role, what }: { role: Role; what: string }) {
  return (
    <Card className="mx-auto max-w-xl space-y-2 p-6" data-testid="not-allowed">
      <h1 className="text-xl font-semibold text-slate-900">Not available to your role</h1>
      <p className="text-sm text-slate-600">
        As {ROLE_LABELS[role].toLowerCase()} of this workspace you cannot {what}. An owner or admin can, or can change your role on the{' '}
        <Link href="/members" className={textLink}>
          Members
        </Link>{' '}
        page.
      </p>
    </Card>
  );
}
