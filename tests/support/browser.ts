// Debian's Chromium driven by playwright-core, as TESTING.md prescribes: never a downloaded
// browser, flags that keep it off the internet, a fresh profile per launch, and every console
// error or page error collected so that a test can fail on it. A Content-Security-Policy
// violation is never an allowed error: close() fails when a page or the service worker had one.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from '../../scripts/lib/chromium.js';

export interface Browser {
	context: BrowserContext;
	/** Console errors and uncaught page errors seen so far, in every page of the context. */
	errors: string[];
	/** Content-Security-Policy violations seen so far (also in `errors`, whatever is allowed). */
	cspViolations: string[];
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
	/** The browser's User-Agent (e.g. an iPhone's Safari), instead of Chromium's own. */
	userAgent?: string;
}

/** Chromium's own message for a blocked load or script, and the one the init script logs. */
const CSP_MESSAGE = /Content Security Policy|CSP violation/i;

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
		...(options.userAgent ? { userAgent: options.userAgent } : {}),
		permissions: options.fakeCameraFile ? ['camera'] : []
	});
	const errors: string[] = [];
	const cspViolations: string[] = [];
	const allowed = options.allowedErrors ?? [];
	const onConsole = (msg: ConsoleMessage) => {
		if (msg.type() !== 'error' && !CSP_MESSAGE.test(msg.text())) return;
		const text = `${msg.text()} @ ${msg.location().url}`;
		if (CSP_MESSAGE.test(text)) cspViolations.push(text);
		if (CSP_MESSAGE.test(text) || !allowed.some((re) => re.test(text))) errors.push(text);
	};
	// Every violation in a page, even one Chromium does not log (reported by the page itself).
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const where = `${event.sourceFile || location.href}:${event.lineNumber}`;
			const what = `${event.blockedURI || 'inline'}${event.sample ? ` "${event.sample}"` : ''}`;
			console.error(`CSP violation: ${event.effectiveDirective} blocked ${what} (${where})`);
		});
	});
	const watch = (page: Page) => {
		page.on('console', onConsole);
		// TEND_DEBUG_HTTP=1 prints every refused request with its body and answer (a console error
		// only names the URL).
		if (process.env.TEND_DEBUG_HTTP) {
			page.on('response', async (response) => {
				if (response.status() < 400) return;
				const request = response.request();
				const body = await response.text().catch(() => '');
				console.warn(
					`HTTP ${response.status()} ${request.method()} ${response.url()}\n  request: ${request.postData() ?? ''}\n  response: ${body}`
				);
			});
		}
		page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	};
	context.pages().forEach(watch);
	context.on('page', watch);
	context.serviceWorkers().forEach((worker) => worker.on('console', onConsole));
	context.on('serviceworker', (worker) => worker.on('console', onConsole));
	return {
		context,
		errors,
		cspViolations,
		newPage: async () => context.pages()[0] ?? (await context.newPage()),
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
			if (cspViolations.length) {
				throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
			}
		}
	};
}

/** A unique email for a test user. */
export function uniqueEmail(prefix = 'person'): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@tend.test`;
}

/**
 * Keeps a full-page screenshot under $TEND_SHOTS_DIR, to look at as a person would; nothing when
 * it is unset (CI).
 */
export async function keepShot(page: Page, name: string): Promise<void> {
	const dir = process.env.TEND_SHOTS_DIR;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
