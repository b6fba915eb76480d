import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type SimulatedStore = {
  name: string;
  url: string;
  readWrite: { consumerKey: string; consumerSecret: string };
  readOnly: { consumerKey: string; consumerSecret: string };
};

export type RunningSimulator = { stores: SimulatedStore[]; stop: () => Promise<void> };

/** Starts `npm run sim` as its own process, as a merchant's stores would be, and reads the stores it prints. */
export async function startSimulatorProcess(options: { port: number; stores?: number; extraArgs?: string[] }): Promise<RunningSimulator> {
  const count = options.stores ?? 3;
  const child: ChildProcess = spawn(
    'node_modules/.bin/tsx',
    ['scripts/sim.ts', '--stores', String(count), '--port', String(options.port), ...(options.extraArgs ?? [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stores: SimulatedStore[] = [];
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not print its stores within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the simulator exited early with code ${code}`)));
    lines.on('line', (line) => {
      if (!line.trim().startsWith('{')) return;
      stores.push(JSON.parse(line) as SimulatedStore);
      if (stores.length === count) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    stores,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
