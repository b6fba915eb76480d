import { openDatabase } from '@/db/client';
import { rotateStoreCredentialKeys } from '@/lib/stores/key-rotation';

const handle = await openDatabase();
try {
  const report = await rotateStoreCredentialKeys(handle.db);
  console.log(`Re-encrypted ${report.reencrypted} store(s) under the current key; ${report.alreadyCurrent} already used it.`);
  if (report.changedDuringRotation > 0) {
    console.log(
      `${report.changedDuringRotation} time(s) a store's keys were replaced while this ran: the new keys were kept and the store read again.`,
    );
  }
  for (const failure of report.failed) console.error(`Store ${failure.storeId}: ${failure.reason}`);
  if (report.failed.length > 0) {
    console.error('Some credentials could not be re-encrypted: add their old key to ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS and run again.');
    process.exitCode = 1;
  } else {
    console.log('You can now remove the old keys from ORDERBRIDGE_PREVIOUS_ENCRYPTION_KEYS.');
  }
} finally {
  await handle.close();
}
