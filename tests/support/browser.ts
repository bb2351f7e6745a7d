// Debian's Chromium driven by playwright-core, as TESTING.md prescribes: never a downloaded
// browser, flags that keep it off the internet, a fresh profile per launch, and every console
// error or page error collected so that a test can fail on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from '../../scripts/lib/chromium.js';

export interface Browser {
	context: BrowserContext;
	/** Console errors and uncaught page errors seen so far, in every page of the context. */
	errors: string[];
	newPage: () => Promise<Page>;
	close: () => Promise<void>;
}

export interface LaunchOptions {
	baseURL: string;
	/** A Y4M file Chromium presents as the camera. */
	fakeCameraFile?: string;
	viewport?: { width: number; height: number };
	/** Console messages matching these are expected (e.g. a 400 the test provokes on purpose). */
	allowedErrors?: RegExp[];
}

/** Launches Chromium with a persistent, fresh profile (service workers and IndexedDB work). */
export async function launchBrowser(options: LaunchOptions): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'tend-chromium-'));
	const args = [...CHROMIUM_ARGS];
	if (options.fakeCameraFile) {
		args.push(
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${options.fakeCameraFile}`
		);
	}
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_BIN,
		headless: true,
		args,
		baseURL: options.baseURL,
		viewport: options.viewport ?? { width: 390, height: 844 },
		permissions: options.fakeCameraFile ? ['camera'] : []
	});
	const errors: string[] = [];
	const allowed = options.allowedErrors ?? [];
	const watch = (page: Page) => {
		page.on('console', (msg) => {
			if (msg.type() !== 'error') return;
			const text = `${msg.text()} @ ${msg.location().url}`;
			if (!allowed.some((re) => re.test(text))) errors.push(text);
		});
		page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	};
	context.pages().forEach(watch);
	context.on('page', watch);
	return {
		context,
		errors,
		newPage: async () => context.pages()[0] ?? (await context.newPage()),
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/** A unique email for a test user. */
export function uniqueEmail(prefix = 'person'): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@tend.test`;
}
