/**
 * npm run sync -- --workspace <slug> [--dry-run] [--json]
 * Runs (or previews) one sync of a workspace and prints its summary. Exit codes: 0 synced, 1 failed,
 * 2 partly synced, 3 another sync was running, 64 bad arguments.
 */
import { getDb } from '@/db/client';
import { findWorkspaceBySlug } from '@/lib/data/workspaces';
import { previewWorkspace, syncWorkspace, type SyncProgress } from '@/lib/sync';

type CliArgs = { workspace: string; dryRun: boolean; json: boolean };

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { workspace: '', dryRun: false, json: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--workspace') args.workspace = argv[++i] ?? '';
    else if (arg.startsWith('--workspace=')) args.workspace = arg.slice('--workspace='.length);
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--json') args.json = true;
    else throw new UsageError(`Unknown argument "${arg}"`);
  }
  if (!args.workspace) throw new UsageError('--workspace <slug> is required');
  return args;
}

class UsageError extends Error {}

function progressLine(progress: SyncProgress): string {
  const stores = progress.stores.map(
    (s) => `${s.name}: ${s.phase}${s.total ? ` ${s.done}/${s.total}` : ''}${s.pulled ? `, ${s.pulled} read` : ''}`,
  );
  return `[${progress.phase}] ${stores.join(' · ')}`;
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nUsage: npm run sync -- --workspace <slug> [--dry-run] [--json]`);
    return 64;
  }
  const db = await getDb();
  const workspace = await findWorkspaceBySlug(db, args.workspace);
  if (!workspace) {
    console.error(`No workspace with the slug "${args.workspace}"`);
    return 1;
  }
  if (args.dryRun) {
    const preview = await previewWorkspace(db, workspace.id);
    console.log(args.json ? JSON.stringify(preview) : preview.summary);
    if (!args.json)
      for (const hold of preview.held)
        console.log(`  held: ${hold.sourceStoreName} #${hold.orderNumber} → ${hold.targetStoreName}: ${hold.reason}`);
    return 0;
  }
  let lastLine = '';
  const result = await syncWorkspace(db, workspace.id, {
    trigger: 'cli',
    onProgress: args.json
      ? undefined
      : (progress) => {
          const line = progressLine(progress);
          if (line !== lastLine) console.error(line);
          lastLine = line;
        },
  });
  if (args.json) console.log(JSON.stringify(result));
  else {
    console.log(result.summary);
    for (const error of result.errors) console.log(`  error: ${error}`);
  }
  return { succeeded: 0, failed: 1, partial: 2, already_running: 3 }[result.status];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
