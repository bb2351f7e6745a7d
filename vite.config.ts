import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { externaliseBootstrapScript } from './scripts/lib/bootstrap-script.js';
import { precompress } from './scripts/lib/precompress.js';

const pocketbase = process.env.PB_URL ?? 'http://127.0.0.1:8090';

/**
 * Every build ends with no inline script in build/ (the CSP forbids them), then with a brotli and a
 * gzip copy of each text file (served by pocketbase/serve.go): runs after SvelteKit's adapter,
 * which writes index.html when the server build closes.
 */
function finishBuild(): Plugin {
	let isServerBuild = false;
	return {
		name: 'tend-finish-build',
		apply: 'build',
		configResolved(config) {
			isServerBuild = Boolean(config.build.ssr);
		},
		closeBundle: {
			order: 'post',
			sequential: true,
			handler() {
				if (!isServerBuild) return;
				externaliseBootstrapScript(resolve('build'));
				precompress(resolve('build'));
			}
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), finishBuild()],
	build: {
		// Measured on /me, a new device, Lighthouse mobile (scripts/bench-lighthouse.js): with Vite's
		// module preloading, loading a route added a <link> per dependency from JavaScript, one long
		// task on a slow phone (total blocking time 377-444 ms; 195-368 ms without, performance
		// median 86 → 93). The browser still fetches a route's imports as it reads them, and the
		// service worker serves them all once installed.
		modulePreload: false,
		rolldownOptions: {
			output: {
				// Svelte, the kit's client and the bundler's helpers in one chunk that every screen loads
				// anyway: 6 fewer files on the first load and 1 KB less gzipped (scripts/bench-first-load.js).
				codeSplitting: {
					groups: [
						{
							name: 'framework',
							test: (id) =>
								id.startsWith('\0') ||
								/node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]/.test(id)
						}
					]
				}
			}
		}
	},
	server: {
		proxy: {
			'/api': { target: pocketbase, ws: false, changeOrigin: true },
			'/_': { target: pocketbase, changeOrigin: true }
		}
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					// tests/unit: the server hooks' pure libraries, loaded as PocketBase's runtime loads them
					include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
					setupFiles: ['fake-indexeddb/auto'],
					// The property and hostile-file specs run thousands of cases: a loaded 2-core machine
					// takes several seconds for some. Nothing here asserts a time.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/support/pocketbase.global.ts'],
					testTimeout: 30_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/support/pocketbase.global.ts'],
					testTimeout: 90_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
