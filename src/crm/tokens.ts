import { randomFillSync } from 'node:crypto';
import { urlAlphabet } from 'nanoid';

const TOKEN_LENGTH = 21;
const TOKENS_PER_FILL = 4096;

/**
 * Personal-link tokens exactly as nanoid makes them (21 characters of its 64-letter url
 * alphabet, 126 random bits), drawn from one random buffer for thousands of tokens at a time.
 * nanoid() builds each token a character at a time, which leaves a chain of string pieces per
 * token; a million of those cost more memory than the rest of an import's customers.
 */
export class TokenSource {
  readonly #letters = Buffer.allocUnsafe(TOKEN_LENGTH * TOKENS_PER_FILL);
  #next = TOKENS_PER_FILL;

  next(): string {
    if (this.#next === TOKENS_PER_FILL) this.#fill();
    const start = TOKEN_LENGTH * this.#next++;
    return this.#letters.toString('latin1', start, start + TOKEN_LENGTH);
  }

  #fill(): void {
    randomFillSync(this.#letters);
    for (let index = 0; index < this.#letters.length; index++) {
      // 64 letters: the low six bits of a random byte pick one without bias.
      this.#letters[index] = urlAlphabet.charCodeAt((this.#letters[index] ?? 0) & 63);
    }
    this.#next = 0;
  }
}
