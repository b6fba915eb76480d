'use client';

import { PageError } from '@/app/components/console/page-error';

export default function ConsolePageError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="This order" reset={reset} />;
}
