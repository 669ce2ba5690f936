/**
 * Preloaded into the servers the HTTP bench starts (`node --import …/exit-on-sigterm.ts`).
 * Node's default SIGTERM kills the process without running exit hooks, so a `--cpu-prof`
 * profile would never be written; exiting normally on SIGTERM lets it be.
 */
process.once('SIGTERM', () => process.exit(0));
