import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, postgresUnavailable, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

const run = promisify(execFile);
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const DEPLOY_CONFIG = path.resolve('deploy/nginx.conf');

/** Why the deployment test cannot run here, or undefined; on CI (CI=true) a missing server throws instead. */
export function deploymentUnavailable(): string | undefined {
  const postgres = postgresUnavailable();
  if (postgres) return postgres;
  if (existsSync(NGINX)) return undefined;
  const reason = `nginx not found at ${NGINX} (install the Debian package \`nginx\`, or set NGINX_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI must run the deployment test`);
  return reason;
}

/** The production setup in miniature: nginx with TLS in front of two app instances on one database. */
export interface Deployment {
  /** `https://127.0.0.1:<port>`: nginx. */
  readonly url: string;
  /** Environment of the instances, for CLI commands against the same database. */
  readonly env: Record<string, string>;
  readonly cluster: PostgresCluster;
  readonly projectsDir: string;
  stop(): Promise<void>;
}

export interface DeploymentOptions {
  /** Copied into a fresh projects folder the instances serve; may then be edited there. */
  projects: string[];
  adminPassword: string;
  /** Changes to the copied projects before the instances start. */
  prepare?: (projectsDir: string) => void;
}

/**
 * Starts a throwaway PostgreSQL cluster, two app instances on it (the built server, as
 * `npm run preview` runs it) and nginx with deploy/nginx.conf on a self-signed certificate, all
 * on free ports. nginx adds an `X-Upstream` header naming the instance that answered, so tests
 * can see where each request went.
 */
export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rekindle-deploy-'));
  const processes: ChildProcess[] = [];
  let cluster: PostgresCluster | undefined;
  try {
    cluster = await startPostgresCluster();
    const databaseUrl = await cluster.createDatabase('rekindle');
    const projectsDir = path.join(dir, 'projects');
    for (const project of options.projects) cpSync(path.join('projects', project), path.join(projectsDir, project), { recursive: true });
    options.prepare?.(projectsDir);

    const [proxyPort = 0, redirectPort = 0, ...appPorts] = await distinctFreePorts(4);
    const url = `https://127.0.0.1:${proxyPort}`;
    const env: Record<string, string> = {
      REKINDLE_DATABASE_URL: databaseUrl,
      REKINDLE_PROJECTS_DIR: projectsDir,
      REKINDLE_PUBLIC_URL: url,
      REKINDLE_TRUSTED_PROXIES: 'loopback',
      REKINDLE_SESSION_SECRET: 'deployment-test-session-secret-0123456789abcdef',
      REKINDLE_ADMIN_PASSWORD: options.adminPassword,
      REKINDLE_API_KEY: 'deployment-test-api-key-0123456789',
      REKINDLE_METRICS_TOKEN: 'deployment-test-metrics-token-0123456789',
    };
    for (const [index, port] of appPorts.entries()) {
      const dataDir = path.join(dir, `instance-${index + 1}`);
      processes.push(
        await startApp({ ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), REKINDLE_DATA_DIR: dataDir }, port, dir, index + 1),
      );
    }
    await makeCertificate(dir);
    writeNginxConfig(dir, { proxyPort, redirectPort, appPorts });
    processes.push(await startNginx(dir, proxyPort));

    return {
      url,
      env,
      cluster,
      projectsDir,
      async stop() {
        await Promise.all(processes.map(stopProcess));
        await cluster?.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(processes.map(stopProcess));
    await cluster?.destroy();
    throw new Error(`the deployment did not start (files in ${dir}): ${(error as Error).message}`, { cause: error });
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

async function startApp(env: NodeJS.ProcessEnv, port: number, dir: string, instance: number): Promise<ChildProcess> {
  const log = path.join(dir, `instance-${instance}.log`);
  const child = spawn(process.execPath, ['src/server/node-server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    writeFileSync(log, output);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitUntil(
    `app instance ${instance} on port ${port}`,
    async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok,
    () => {
      if (child.exitCode !== null) throw new Error(`app instance ${instance} exited with ${child.exitCode}: ${output}`);
    },
  );
  return child;
}

async function makeCertificate(dir: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    path.join(dir, 'key.pem'),
    '-out',
    path.join(dir, 'cert.pem'),
  ]);
}

/** deploy/nginx.conf with the test's ports and certificate, inside a minimal top-level config. */
function writeNginxConfig(dir: string, ports: { proxyPort: number; redirectPort: number; appPorts: number[] }): void {
  let site = readFileSync(DEPLOY_CONFIG, 'utf8');
  const replace = (from: RegExp, to: string) => {
    if (!from.test(site)) throw new Error(`${DEPLOY_CONFIG} no longer has ${from}; update tests/support/deployment.ts`);
    site = site.replace(from, to);
  };
  replace(
    / {4}server 127\.0\.0\.1:8081 [^\n]*\n {4}server 127\.0\.0\.1:8082 [^\n]*\n/,
    ports.appPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;\n`).join(''),
  );
  replace(/listen 80;/, `listen 127.0.0.1:${ports.redirectPort};`);
  replace(/listen 443 ssl;/, `listen 127.0.0.1:${ports.proxyPort} ssl;`);
  replace(/ssl_certificate \/etc\/ssl\/rekindle\/fullchain\.pem;/, `ssl_certificate ${path.join(dir, 'cert.pem')};`);
  replace(/ssl_certificate_key \/etc\/ssl\/rekindle\/privkey\.pem;/, `ssl_certificate_key ${path.join(dir, 'key.pem')};`);
  replace(/ {8}proxy_pass http:\/\/rekindle;/, '        proxy_pass http://rekindle;\n        add_header X-Upstream $upstream_addr always;');
  writeFileSync(path.join(dir, 'rekindle.conf'), site);
  const temp = path.join(dir, 'nginx-temp');
  mkdirSync(temp, { recursive: true });
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      // nginx drops to `nobody` when started as root; this throwaway instance keeps root so it can read its temp files.
      userInfo().uid === 0 ? 'user root;' : '',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'nginx-error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${path.join(temp, kind)};`),
      `  include ${path.join(dir, 'rekindle.conf')};`,
      '}',
    ].join('\n'),
  );
}

async function startNginx(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    NGINX,
    ['-p', dir, '-e', path.join(dir, 'nginx-error.log'), '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntil(
    `nginx on port ${port}`,
    () => canConnect(port),
    () => {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output}`);
    },
  );
  return child;
}

function canConnect(port: number): Promise<boolean> {
  return import('node:net').then(
    ({ connect }) =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
  );
}

async function waitUntil(what: string, ready: () => Promise<boolean>, check: () => void, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    check();
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
