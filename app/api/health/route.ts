import { getDb } from '@/db/client';
import { pingDatabase } from '@/lib/data/database-health';

export const dynamic = 'force-dynamic';

export async function GET() {
  await pingDatabase(await getDb());
  return Response.json({ ok: true });
}
