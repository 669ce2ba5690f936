import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { settings } from '../../environment/index.ts';
import { seedDemoLinks } from '../demo-links.ts';

const SERVER_ENTRY = 'dist/server/entry.mjs';
const SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json'];

/**
 * `npm start`: the newcomer's one command after `npm install`. Builds when the sources are newer
 * than the build, makes personal demo links for every example project, prints them, and runs the
 * standalone server in the foreground.
 */
export default {
  summary: 'build if needed, print demo personal links and run the server',
  usage: 'rekindle start            (HOST and PORT from the environment; default 127.0.0.1:4321)',
  async run(): Promise<number> {
    if (needsBuild()) {
      console.log('Building the site (sources changed since the last build)…');
      const code = await runNode([path.join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build']);
      if (code !== 0) return code;
    }
    const { host, port, publicOrigin } = settings();
    const baseUrl = publicOrigin ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    await seedDemoLinks(baseUrl);
    const admin = adminPasswordEnv();
    console.log(`\nServer: ${baseUrl}`);
    console.log(`Admin:  ${baseUrl}/admin  ${admin.note}\n`);
    return runNode([path.join('src', 'server', 'node-server.ts')], { HOST: host, PORT: String(port), ...admin.env });
  },
};

/**
 * The dashboard needs a password. A demo run without one gets a fresh random password for this
 * run only, printed once; a real deployment sets REKINDLE_ADMIN_PASSWORD(_HASH) itself.
 */
function adminPasswordEnv(): { env: Record<string, string>; note: string } {
  const { adminPassword, adminPasswordHash } = settings();
  if (adminPassword || adminPasswordHash) {
    return { env: {}, note: '(password from the environment)' };
  }
  const password = randomBytes(9).toString('base64url');
  return { env: { REKINDLE_ADMIN_PASSWORD: password }, note: `(demo password for this run: ${password})` };
}

function needsBuild(): boolean {
  if (!existsSync(SERVER_ENTRY)) return true;
  const built = statSync(SERVER_ENTRY).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stats.mtimeMs);
}

/** Runs Node (the project-local Node 22 running this CLI), forwarding Ctrl-C to the child. */
function runNode(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
