import { astroPlayRoute } from '../../../server/play-api.ts';

/** Answered by the production server before Astro; this route serves `astro dev` (see play-api.ts). */
export const GET = astroPlayRoute('GET', 'play');
export const POST = astroPlayRoute('POST', 'play');
