import { PageLoading } from '@/app/components/console/page-loading';

export default function Loading() {
  return <PageLoading label="Loading the dashboard…" />;
}
