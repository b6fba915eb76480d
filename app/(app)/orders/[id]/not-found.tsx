import { EmptyState } from '@/app/components/console/empty-state';

export default function OrderNotFound() {
  return (
    <EmptyState
      title="Order not found"
      body="This order is not in your workspace. It may belong to another workspace, or the link may be mistyped."
      action={{ href: '/orders', label: 'Back to orders' }}
    />
  );
}
