import { z } from 'zod';
import { assetPath, text } from './common.ts';

/** Texts of the share page and the share buttons. */
export const shareSchema = z.strictObject({
  /** og:title of the share page. `{title}` is the player's result title. */
  title: text(120),
  /** og:description. */
  description: text(300),
  /** Call to action on the share page, e.g. «Сыграть самому». */
  callToAction: text(60),
  /** Share image background (optional; a brand-coloured gradient is drawn otherwise). */
  background: assetPath.optional(),
});
