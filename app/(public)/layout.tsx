import type { ReactNode } from 'react';
import { StandalonePage } from '@/app/components/standalone-page';

/** The pages emailed links open: the same frame as sign-in, whether or not a session is live in this browser. */
export default function EmailLinkLayout({ children }: { children: ReactNode }) {
  return <StandalonePage width="sm">{children}</StandalonePage>;
}
