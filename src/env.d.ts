/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by src/middleware.ts for every request: see src/server/public-origin.ts. */
    request: import('./server/public-origin.ts').RequestIdentity;
    /** Set by src/middleware.ts for admin pages it lets through. */
    admin?: import('./admin/guard.ts').AdminGate;
    /** Set by a play page to have its render kept for players who would get the same page. */
    playPage?: import('./server/play-page-cache.ts').PlayPageSlot;
  }
}
