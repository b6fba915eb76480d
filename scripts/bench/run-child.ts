import { spawn } from 'node:child_process';
import path from 'node:path';
import type { SyncChildInput, SyncChildOutput } from './sync-child';

const TSX = path.resolve('node_modules/.bin/tsx');
const CHILD = path.resolve('scripts/bench/sync-child.ts');

/** One engine run in a fresh process; rejects with the child's stderr if it does not print its result. */
export function runSyncInChild(input: SyncChildInput): Promise<SyncChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['--conditions=react-server', CHILD, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as SyncChildOutput);
      } catch {
        reject(new Error(`sync child exited ${code}: ${stderr.slice(-2000) || stdout.slice(-2000)}`));
      }
    });
  });
}
