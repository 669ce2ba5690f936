/**
 * One value per process under `name`, made by `create` on first use. The production server runs
 * from source and answers the player's API and cached play pages itself, while the built Astro
 * app holds its own copy of every module: state both must see (the preview store, the project
 * cache, the shared play pages) lives on globalThis, not in a module variable.
 */
export function processShared<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`rekindle.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
