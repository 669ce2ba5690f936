import { readdir } from 'node:fs/promises';
import { EnvironmentError, settings } from '../environment/index.ts';
import { StorageSettingError } from '../storage/errors.ts';

/**
 * `rekindle <command> [args]`. Each command is a module `src/cli/commands/<command>.ts`, found by
 * its file name, so adding a command means adding a file.
 */
export interface CliCommand {
  /** One line for `rekindle help`. */
  summary: string;
  /** How to call it, printed by `rekindle help <command>` and on wrong arguments. */
  usage: string;
  /** Runs the command; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}

const COMMANDS_DIR = new URL('./commands/', import.meta.url);
/** Exit code for a command line that names no known command, as most Unix tools use. */
const USAGE_EXIT_CODE = 2;

async function commandNames(): Promise<string[]> {
  const files = await readdir(COMMANDS_DIR);
  return files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

async function importCommand(name: string): Promise<CliCommand> {
  const module = (await import(new URL(`${name}.ts`, COMMANDS_DIR).href)) as { default?: CliCommand };
  const command = module.default;
  if (typeof command?.run !== 'function' || typeof command.summary !== 'string') {
    throw new Error(`src/cli/commands/${name}.ts must export default { summary, usage, run(args) }.`);
  }
  return command;
}

async function printHelp(): Promise<void> {
  const names = await commandNames();
  const width = Math.max(...names.map((name) => name.length));
  const lines = await Promise.all(
    names.map(async (name) => {
      try {
        return `  ${name.padEnd(width)}  ${(await importCommand(name)).summary}`;
      } catch (error) {
        return `  ${name.padEnd(width)}  (cannot be loaded: ${messageOf(error)})`;
      }
    }),
  );
  const help = ['Usage: rekindle <command> [arguments]', '', 'Commands:', ...lines];
  console.log([...help, '', 'rekindle help <command> shows how to call one.'].join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = args[0];
    if (topic === undefined) {
      await printHelp();
      return 0;
    }
    if (!(await commandNames()).includes(topic)) return unknownCommand(topic);
    const command = await importCommand(topic);
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  // Only names read from the folder are imported, so an argument can never load another file.
  if (!(await commandNames()).includes(name)) return unknownCommand(name);
  // A bad setting stops every command before it starts, one line each (see the catch below).
  settings();
  return (await importCommand(name)).run(args);
}

async function unknownCommand(name: string): Promise<number> {
  const names = await commandNames();
  console.error(`rekindle has no command "${name}". Commands: ${names.join(', ')}. Run rekindle help for details.`);
  return USAGE_EXIT_CODE;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof EnvironmentError) {
      // As for the store: the operator's settings, each named with what is wrong; no stack.
      for (const problem of error.problems) console.error(`rekindle ${process.argv[2] ?? ''}: ${problem}`);
      process.exit(1);
    }
    if (error instanceof StorageSettingError) {
      // The operator's setting, not a bug: the message names it and the cause; a stack would only hide that.
      console.error(`rekindle ${process.argv[2] ?? ''}: cannot open the store: ${error.message}`);
      process.exit(1);
    }
    // An unexpected failure (a bug, a disk error): the message first, the stack for whoever fixes it.
    console.error(`rekindle ${process.argv[2] ?? ''} failed: ${messageOf(error)}`);
    if (error instanceof Error && error.stack) console.error(error.stack.split('\n').slice(1).join('\n'));
    process.exitCode = 1;
  }
}
