import { z } from 'zod';
import { imagePathProblem } from './assets.ts';
import type { ShareContent } from './types.ts';

/** The card's own picture: a project asset path, refused by its text alone if it could leave the folder. */
const projectPicture = z
  .string()
  .min(1)
  .max(200)
  .superRefine((path, context) => {
    const problem = imagePathProblem(path);
    if (problem) context.issues.push({ code: 'custom', message: problem, input: path });
  });

/**
 * Share content comes from a stored share record, so it is checked again before drawing: only
 * plain text of bounded length, and a picture path that stays inside the project, reach the
 * renderer.
 */
export const shareContentSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(1200).optional(),
  score: z
    .strictObject({ value: z.number().int().nonnegative(), of: z.number().int().positive() })
    .refine((score) => score.value <= score.of, { message: 'the score cannot exceed its maximum' })
    .optional(),
  image: projectPicture.optional(),
});

/** What a share image draws of a result: facts are answers for the CRM (a survey's reasons), never shown. */
export function shareContentOf<Summary extends { facts?: unknown }>(summary: Summary): Omit<Summary, 'facts'> {
  const { facts: _forTheCrmOnly, ...content } = summary;
  return content;
}

export class ShareContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareContentError';
  }
}

export function parseShareContent(content: unknown): ShareContent {
  const result = shareContentSchema.safeParse(content);
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(content)'}: ${issue.message}`)
    .join('; ');
  throw new ShareContentError(`Share image content is not drawable: ${details}.`);
}
