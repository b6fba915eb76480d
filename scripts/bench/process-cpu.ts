import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks, 100 a second on every common kernel. */
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, ms) used so far by the live processes of a process group, read from
 * /proc/<pid>/stat; null where there is no /proc. The server under test runs in a group of its own
 * (npm, its shell, the Node server), so this is the server's CPU.
 */
export function processGroupCpuMs(groupId: number): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  let total = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // The command name may hold spaces and parentheses: the fields start after the last ") ".
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    if (Number(fields[2]) !== groupId) continue;
    total += (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  }
  return total;
}
