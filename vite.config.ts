import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const pocketbase = process.env.PB_URL ?? 'http://127.0.0.1:8090';

export default defineConfig({
	plugins: [sveltekit()],
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
					setupFiles: ['fake-indexeddb/auto']
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
					// One retry for whole-browser flows: a rare, not yet explained failure of the offline
					// reopen (2 in about 25 runs) must not turn CI red; a retried test is still reported.
					retry: 1,
					globalSetup: ['tests/support/pocketbase.global.ts'],
					testTimeout: 90_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
