declare namespace App {
  interface Locals {
    /** Set by src/middleware.ts for every request: see src/server/public-origin.ts. */
    request: import('./server/public-origin.ts').RequestIdentity;
    /** Set by src/middleware.ts for admin pages it lets through. */
    admin?: import('./admin/guard.ts').AdminGate;
  }
}
