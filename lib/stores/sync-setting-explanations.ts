/** One line per workspace sync setting, shown beside it; plain data so browser components can import it. */
export const SYNC_SETTING_EXPLANATIONS = {
  syncStartAt:
    'Only orders created on or after this moment are synced, so connecting a store never copies its whole history by surprise. Default: when each store was connected.',
  keepSubstoreCopiesUpdated:
    'When a main-store order changes (its status, a cancellation, a refund, an edited line), update its copies on the substores too. Off by default: new main-store orders sync automatically, and "Sync Order" always pushes the latest state.',
  customerEmailPolicy:
    'A copy created with the customer\'s billing email makes the receiving store email the customer again, and once more for every refund mirrored onto the copy. Suppress leaves it off the copy and shows it in the order\'s Custom Fields instead ("Orderbridge customer email").',
  stockPolicy:
    'Whether a copy reduces stock on the receiving store (as a real sale there would) or leaves its stock untouched. A mirrored refund or a cancellation puts back only what the copy took.',
  currencyMismatchPolicy:
    'When the two stores use different currencies, hold the order with an explanation so nobody is charged the wrong amount, or copy it anyway.',
  addCopyNote:
    'Every copy shows where it came from in its order screen\'s Custom Fields ("Orderbridge source"), written with the copy itself. A private note saying the same costs one more request to the receiving store for every copy, since WooCommerce cannot add notes in a batch: 1,000 copies, created in 10 batches, take 1,000 requests more. Off by default.',
} as const;
