import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processGroupCpuMs } from '@/scripts/bench/process-cpu';

describe.skipIf(process.platform !== 'linux')('the CPU of a process group, as bench:ui reads the server’s', () => {
  it('counts what the group’s processes used, and nothing for a group that does not exist', async () => {
    // Spins until it has used 300 ms of CPU by its own account, says so, then waits to be stopped.
    const busy = spawn(
      process.execPath,
      [
        '-e',
        'const s = process.cpuUsage(); while ((process.cpuUsage(s).user + process.cpuUsage(s).system) / 1000 < 300); console.log("done"); setInterval(() => {}, 1000);',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(busy.stdout!, 'data');
      expect(processGroupCpuMs(busy.pid!)).toBeGreaterThanOrEqual(250);
      expect(processGroupCpuMs(2 ** 22 + 7)).toBe(0);
    } finally {
      process.kill(-busy.pid!, 'SIGKILL');
    }
  });
});
