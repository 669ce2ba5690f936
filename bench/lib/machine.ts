import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  date: string;
  cpus: number;
  cpuModel: string;
  /** 1, 5 and 15 minute load averages when the run started: a busy machine explains slow figures. */
  loadAverage: number[];
  memoryGigabytes: number;
  platform: string;
  node: string;
  /** The commit the figures belong to, and whether the working tree had changes on top. */
  commit?: string;
  uncommittedChanges?: boolean;
}

export function machineInfo(root: string): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    loadAverage: loadAverage(),
    memoryGigabytes: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...gitState(root),
  };
}

export function loadAverage(): number[] {
  return os.loadavg().map((load) => Number(load.toFixed(2)));
}

function gitState(root: string): { commit?: string; uncommittedChanges?: boolean } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), uncommittedChanges: git('status', '--porcelain').length > 0 };
  } catch {
    return {};
  }
}
