/**
 * One value per process under `key`, created on first use. Kept on `globalThis` because Next.js may load a
 * module more than once (one copy per bundle, again on every reload in development), and a module-level
 * variable would then hold one value per copy.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const registry = globalThis as unknown as Record<string, T | undefined>;
  return (registry[key] ??= create());
}
