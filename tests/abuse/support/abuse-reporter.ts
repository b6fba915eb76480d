import type { Reporter, TestModule } from 'vitest/node';

/**
 * Every test under tests/abuse is one attack; a failed test is an attack that got through. One line at the end of
 * the run, so the count can be followed from CI log to CI log.
 */
export default class AbuseReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let attacks = 0;
    let gotThrough = 0;
    for (const testModule of testModules) {
      if (!testModule.moduleId.replaceAll('\\', '/').includes('/tests/abuse/')) continue;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped' || state === 'pending') continue;
        attacks += 1;
        if (state === 'failed') gotThrough += 1;
      }
    }
    if (attacks > 0) console.log(`abuse: ${attacks} attacks, ${gotThrough} got through`);
  }
}
