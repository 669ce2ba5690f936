import { cardGenerator } from './card-generator/index.ts';
import { survey } from './survey/index.ts';
import { trueFalseQuiz } from './true-false-quiz/index.ts';
import { wheel } from './wheel/index.ts';

/**
 * The one list of mechanics. A mechanic is a folder beside this file; adding one means adding
 * its folder and its line here, nothing else.
 */
export const mechanics = [trueFalseQuiz, cardGenerator, wheel, survey] as const;

export type AnyMechanic = (typeof mechanics)[number];
export type MechanicKind = AnyMechanic['kind'];

export function mechanicFor(kind: string): AnyMechanic | undefined {
  return mechanics.find((mechanic) => mechanic.kind === kind);
}
