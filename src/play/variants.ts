import type { z } from 'zod';
import type { introSchema } from '../config/schemas/project.ts';
import type { Variant } from '../config/schemas/variant.ts';

type Intro = z.output<typeof introSchema>;

/**
 * The intro a customer of A/B arm `arm` sees: the project's, with the fields the arm sets
 * replaced. Anonymous players and customers without an arm see the project's own.
 */
export function introFor(intro: Intro, variants: readonly Variant[] | undefined, arm: string | undefined): Intro {
  const replaced = arm === undefined ? undefined : variants?.find((variant) => variant.id === arm)?.intro;
  if (!replaced) return intro;
  const given = Object.entries(replaced).filter(([, value]) => value !== undefined);
  return { ...intro, ...Object.fromEntries(given) };
}
