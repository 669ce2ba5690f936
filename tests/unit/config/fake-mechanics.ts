import { z } from 'zod';
import { assetPath, text } from '../../../src/config/schemas/common.ts';
import type { ConfigProblem } from '../../../src/mechanics/types.ts';

/**
 * Two tiny mechanics so the config tests do not depend on the real ones: the quiz has a list
 * with a boolean, an optional asset (to prove mechanic fields are checked on disk) and a
 * semantic check; the card exists so the `kind` union has more than one branch.
 */
export const fakeQuiz = {
  kind: 'fake-quiz' as const,
  configSchema: z.strictObject({
    kind: z.literal('fake-quiz'),
    questions: z.array(z.strictObject({ statement: text(200), answer: z.boolean(), image: assetPath.optional() })).min(1),
  }),
  checkConfig(config: { kind: string; questions: unknown[] }): ConfigProblem[] {
    return config.questions.length > 3 ? [{ path: ['questions', 3], message: 'a fake quiz has at most 3 questions' }] : [];
  },
};

export const fakeCard = {
  kind: 'fake-card' as const,
  configSchema: z.strictObject({
    kind: z.literal('fake-card'),
    greeting: text(200),
  }),
};
