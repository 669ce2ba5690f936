import type { APIRoute } from 'astro';
import { errorResponse, HttpError } from './http.ts';

/**
 * Astro serves its image optimizer at /_image to anyone, and answers 500 to input it cannot
 * process (an SVG asked for as PNG). This site optimizes no images through it (share images are
 * drawn by satori, project images are served as they are), so the route answers 404 instead.
 */
export const GET: APIRoute = () => errorResponse(new HttpError(404, 'not-found', 'There is no image optimizer on this site.'));
