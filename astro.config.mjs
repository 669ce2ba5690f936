// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';

export default defineConfig({
  output: 'server',
  // Middleware mode: src/server/node-server.ts serves the static files itself, from memory and
  // compressed, so pages and API calls skip the adapter's file look-up per request.
  // Pages render whole rather than streamed: compression.ts gathers the body before sending it
  // anyway, and rendering to one string skips a stream and a promise per chunk.
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  // Components that only appear after a client-side step (gift, share buttons) lost their styles
  // in Astro's CSS bundling under Rolldown; injected CSS travels with each component instead.
  integrations: [svelte({ compilerOptions: { css: 'injected' } })],
  // Astro's origin check compares with the socket's origin, which behind a TLS proxy is never the
  // browser's: src/middleware.ts checks form posts against the public origin instead, and JSON
  // APIs check Origin in src/server/http.ts.
  security: { checkOrigin: false },
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
  image: { endpoint: { route: '/_image', entrypoint: './src/server/image-endpoint.ts' } },
  vite: {
    // sharp is a native module and satori loads wasm: keep both out of the SSR bundle.
    ssr: { external: ['sharp', 'satori', 'pdf-lib', '@pdf-lib/fontkit'] },
  },
});
