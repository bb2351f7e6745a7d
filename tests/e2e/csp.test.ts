// The Content-Security-Policy holds for the real build: index.html runs no inline script (the
// build moved SvelteKit's start-up code into a file the service worker precaches), the server
// sends the policy, and Chromium enforces it: an injected inline script does not run, and is
// caught as a violation (so every other e2e file, whose browsers fail on any violation, would
// notice one). A card photo (blob: preview, then the server's file) loads under it. Screenshots of
// the public card page under the policy (kept as screenshots when TEND_SHOTS_DIR is set).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { inlineScripts } from '../../scripts/lib/bootstrap-script.js';
import { BUILD_DIR } from '../../scripts/lib/pocketbase.js';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { codeText, signUpWithCard } from '../support/swap-flow';

const WAIT = { timeout: 30_000 };

/** A small square PNG of one colour, as a photo a person picks. */
function photoPng(): Buffer {
	const png = new PNG({ width: 120, height: 120 });
	for (let i = 0; i < png.data.length; i += 4) png.data.set([31, 95, 74, 255], i);
	return PNG.sync.write(png);
}

/** Whether the card photo in the page has loaded (an image the policy blocked has no width). */
async function photoSource(page: Page): Promise<string> {
	const img = page.getByRole('img', { name: 'You, on your card' });
	await img.waitFor(WAIT);
	await expect
		.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth), WAIT)
		.toBeGreaterThan(0);
	return img.evaluate((el: HTMLImageElement) => el.currentSrc);
}

describe('the Content-Security-Policy', () => {
	const open: Browser[] = [];
	const launch = async (viewport?: { width: number; height: number }) => {
		const browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
		open.push(browser);
		return browser;
	};

	afterEach(async () => {
		await Promise.all(open.splice(0).map((b) => b.close()));
	});

	it('the built index.html has no inline script; its start-up script is a precached file', () => {
		const html = readFileSync(join(BUILD_DIR, 'index.html'), 'utf8');
		expect(inlineScripts(html)).toEqual([]);
		expect(html).not.toMatch(/\sstyle=/);
		const src = /<script src="(\/_app\/immutable\/bootstrap\.[\w-]{8}\.js)"><\/script>/.exec(
			html
		)?.[1];
		expect(src).toBeDefined();
		const file = join(BUILD_DIR, ...(src ?? '').split('/'));
		expect(existsSync(file)).toBe(true);
		expect(readFileSync(file, 'utf8')).toContain('document.currentScript.parentElement');
		const worker = readFileSync(join(BUILD_DIR, 'service-worker.js'), 'utf8');
		expect(worker).toContain(src);
		expect(worker).not.toContain('__tend_bootstrap_script__');
	});

	it('is sent with the app and enforced: an injected inline script does not run', async () => {
		const res = await fetch(`${inject('pbUrl')}/`);
		expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
		const browser = await launch();
		const page = await browser.newPage();
		await page.goto('/');
		await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
		const ran = await page.evaluate(async () => {
			const script = document.createElement('script');
			script.textContent = 'window.__tendInlineRan = true';
			document.head.append(script);
			await new Promise((r) => setTimeout(r, 100));
			return (window as unknown as { __tendInlineRan?: boolean }).__tendInlineRan === true;
		});
		expect(ran).toBe(false);
		await expect.poll(() => browser.cspViolations.length, WAIT).toBeGreaterThan(0);
		expect(browser.cspViolations.join('\n')).toMatch(/script-src/);
		// Provoked on purpose: the other checks of this browser must still see none of their own.
		browser.cspViolations.splice(0);
	});

	it('a chosen photo previews (blob:) and, once saved, loads from the server’s photo route', async () => {
		const browser = await launch();
		const page = await browser.newPage();
		await signUpWithCard(page, { name: `Pat Photo ${Math.random().toString(36).slice(2, 6)}` });
		await page
			.getByLabel('Choose photo')
			.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photoPng() });
		expect(await photoSource(page)).toMatch(/^blob:/);
		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
		// once saved, the photo comes from the server's photo route (fetched with my sign-in and
		// drawn from a blob: URL, which the policy allows)
		const served = page.waitForResponse(
			(r) => r.url().includes('/api/tend/photos/') && r.status() === 200,
			WAIT
		);
		await page.reload();
		await served;
		expect(await photoSource(page)).toMatch(/^blob:/);
		expect(browser.errors).toEqual([]);
	});

	it('the public card page of a real code renders under it at 360×640 and 390×844', async () => {
		const owner = await launch();
		const ownerPage = await owner.newPage();
		const name = `Casey Policy ${Math.random().toString(36).slice(2, 6)}`;
		await signUpWithCard(ownerPage, { name, headline: 'Security reviewer', company: 'Tend' });
		const link = await codeText(ownerPage, name);
		for (const viewport of [
			{ width: 360, height: 640 },
			{ width: 390, height: 844 }
		]) {
			const stranger = await launch(viewport);
			const page = await stranger.newPage();
			await page.goto(link);
			await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
			await page.getByText('Security reviewer · Tend').waitFor(WAIT);
			await keepShot(page, `public-card-${viewport.width}x${viewport.height}`);
			expect(stranger.errors).toEqual([]);
		}
		expect(owner.errors).toEqual([]);
	});
});
