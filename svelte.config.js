import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true,
		discloseVersion: false
	},
	kit: {
		// A static SPA: PocketBase serves build/ with --indexFallback, so every path gets index.html.
		adapter: adapter({ fallback: 'index.html', strict: true }),
		// workbox-window registers the worker (update prompt); SvelteKit must not.
		serviceWorker: { register: false },
		version: { pollInterval: 0 }
	}
};

export default config;
