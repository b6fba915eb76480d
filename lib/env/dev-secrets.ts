import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Development-only secrets, generated once and kept under .data/ so a fresh clone runs with no .env. */
export function readOrCreateDevSecret(name: string, generate: () => string): string {
  const dir = path.resolve(process.cwd(), '.data');
  const file = path.join(dir, `dev-${name}`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const value = generate();
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}
