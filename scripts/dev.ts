import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startLocalSchedule } from './local-schedule';

/** `npm run dev`: `next dev` with the 5-minute schedule beside it (the Inngest dev server, or the fallback). */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    inngest: { type: 'string', default: 'auto' },
  },
});
const inngest = values.inngest === 'off' ? 'off' : 'auto';
const schedule = startLocalSchedule(`http://localhost:${values.port}`, { inngest });
console.log(schedule.banner);
const app = spawn('node_modules/.bin/next', ['dev', '-p', values.port], {
  stdio: 'inherit',
  env: { ...process.env, ...schedule.env, NEXT_TELEMETRY_DISABLED: '1' },
});
const stop = () => {
  schedule.stop();
  app.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
app.once('exit', (code) => {
  schedule.stop();
  process.exit(code ?? 0);
});
