import { hashPassword } from '../../admin/password.ts';

/**
 * `rekindle hash-password`: prints a scrypt hash for REKINDLE_ADMIN_PASSWORD_HASH, so the plain
 * admin password never has to sit in the server's environment. The password is read from the
 * terminal without echo, or from a pipe; never from the command line, where it would end up in
 * the shell history and the process list.
 */
export default {
  summary: 'print a scrypt hash of the admin password for REKINDLE_ADMIN_PASSWORD_HASH',
  usage: [
    'rekindle hash-password                     (asks for the password twice, without echo)',
    'printf \'%s\' "$PASSWORD" | rekindle hash-password   (reads it from standard input)',
  ].join('\n'),
  async run(args: string[]): Promise<number> {
    if (args.length > 0) {
      console.error(
        `hash-password takes no arguments (got ${args.length}); the password is read from the terminal or standard input so it stays out of the shell history.`,
      );
      return 2;
    }
    const password = process.stdin.isTTY ? await askTwice() : await readPiped();
    if (password === undefined) return 1;
    if (password.length === 0) {
      console.error('The password is empty; type a non-empty password.');
      return 1;
    }
    const hash = await hashPassword(password);
    console.log(hash);
    if (process.stdout.isTTY) {
      console.error(`\nSet it on the server (single quotes keep the $ signs):\n  REKINDLE_ADMIN_PASSWORD_HASH='${hash}'`);
    }
    return 0;
  },
};

async function askTwice(): Promise<string | undefined> {
  const first = await askHidden('Admin password: ');
  const second = await askHidden('Repeat it: ');
  if (first !== second) {
    console.error('The two passwords differ; nothing was printed. Run the command again.');
    return undefined;
  }
  return first;
}

/** Reads one line from the terminal in raw mode, so the typed characters are not shown. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\u0003') {
          finish();
          reject(new Error('Cancelled with Ctrl-C; nothing was printed.'));
          return;
        }
        if (character === '\r' || character === '\n') {
          finish();
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        typed = character === '\u007f' || character === '\b' ? typed.slice(0, -1) : typed + character;
      }
    };
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on('data', onData);
  });
}

/** The whole of standard input, without one trailing newline (as `echo` adds). */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
