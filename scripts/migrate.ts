import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

const handle = await openDatabase();
await migrateDatabase(handle);
await handle.close();
console.log(`migrations applied (${handle.target.driver})`);
