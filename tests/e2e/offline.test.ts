// Offline-first in a real browser: the service worker serves the app with no network, edits made
// offline survive closing the page and reach PocketBase exactly once when the network returns,
// and a new deployment is offered with a "reload" prompt instead of breaking the open page.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { BUILD_DIR, startThrowawayPocketBase } from '../../scripts/lib/pocketbase.js';
import { launchBrowser, uniqueEmail, type Browser } from '../support/browser';
import type { Page } from 'playwright-core';
import { waitForSynced } from '../support/swap-flow';

const PASSWORD = 'a long enough password';
// Requests the page makes while offline fail by design; the browser logs them as errors.
const OFFLINE_NOISE = [/ERR_INTERNET_DISCONNECTED/, /Failed to fetch/];

async function signUp(page: Page, email: string, name: string): Promise<void> {
	await page.goto('/signup');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await page.waitForURL('**/me');
	await page.getByLabel('Name').fill(name);
	await page.getByRole('button', { name: 'Save my card' }).click();
	await page
		.getByRole('status')
		.filter({ hasText: /^Synced$/ })
		.waitFor();
}

/** Resolves once a service worker controls the page (reloading once if it installed first). */
async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	const isControlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
	if (!isControlled) await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
			timeout: 10_000
		})
		.toBe(true);
}

describe('offline-first', () => {
	let browser: Browser | null = null;

	afterEach(async () => {
		await browser?.close();
		browser = null;
	});

	it('works with no network and syncs the offline edits exactly once', async () => {
		browser = await launchBrowser({ baseURL: inject('pbUrl'), allowedErrors: OFFLINE_NOISE });
		const page = await browser.newPage();
		const email = uniqueEmail('offline');
		await signUp(page, email, 'Olive Offline');
		await waitForServiceWorker(page);
		// the card from sign-up has reached the server: the one change counted below is the edit
		await waitForSynced(page);

		await browser.context.setOffline(true);
		// Canary: the page really has no network.
		const canary = await page.evaluate(() =>
			fetch('/api/health').then(
				() => 'reached',
				() => 'offline'
			)
		);
		expect(canary).toBe('offline');

		// The shell comes from the service worker.
		await page.reload();
		await expect
			.poll(() => page.getByLabel('Name').inputValue(), { timeout: 10_000 })
			.toBe('Olive Offline');
		await page
			.getByRole('status')
			.filter({ hasText: /^Offline/ })
			.waitFor();

		await page.getByLabel('Headline', { exact: true }).fill('Written with no signal');
		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		await page.getByRole('status').filter({ hasText: 'Offline · 1 change waiting' }).waitFor();

		// Close the page and open the app again, still offline.
		await page.close();
		const reopened = await browser.context.newPage();
		await reopened.goto('/me');
		await expect
			.poll(() => reopened.getByLabel('Headline', { exact: true }).inputValue(), {
				timeout: 10_000
			})
			.toBe('Written with no signal');

		await browser.context.setOffline(false);
		await reopened
			.getByRole('status')
			.filter({ hasText: /^Synced$/ })
			.waitFor({ timeout: 30_000 });

		const pb = new PocketBase(inject('pbUrl'));
		await pb.collection('users').authWithPassword(email, PASSWORD);
		const cards = await pb.collection('cards').getFullList({
			filter: pb.filter('owner = {:id}', { id: pb.authStore.record?.id ?? '' })
		});
		expect(cards).toHaveLength(1);
		expect(cards[0]?.headline).toBe('Written with no signal');
		expect(browser.errors).toEqual([]);
	});

	it('stays signed in across many offline reopens, on every screen, and while the network drops', async () => {
		browser = await launchBrowser({ baseURL: inject('pbUrl'), allowedErrors: OFFLINE_NOISE });
		let page = await browser.newPage();
		await signUp(page, uniqueEmail('reopen'), 'Rhea Reopen');
		await waitForServiceWorker(page);
		const screens = [
			['/me', 'My card'],
			['/people', 'People'],
			['/swap', 'Swap'],
			['/follow-ups', 'Follow-ups'],
			['/events', 'Events']
		] as const;
		for (let round = 0; round < 15; round++) {
			const [path, heading] = screens[round % screens.length] ?? screens[0];
			// Most rounds reopen with no network at all; every third one drops it just after the
			// page starts (its session refresh and sync are then in flight when the network goes).
			const dropsDuringOpen = round % 3 === 2;
			await browser.context.setOffline(!dropsDuringOpen);
			await page.close();
			page = await browser.context.newPage();
			await page.goto(path);
			if (dropsDuringOpen) await browser.context.setOffline(true);
			await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
			expect(new URL(page.url()).pathname, `round ${round}`).toBe(path);
		}
		expect(browser.errors).toEqual([]);
	});

	it('offers a reload when a new version is deployed, without reloading on its own', async () => {
		// A deployment of its own: a copy of the build served by a separate PocketBase.
		const publicDir = mkdtempSync(join(tmpdir(), 'tend-deploy-'));
		cpSync(BUILD_DIR, publicDir, { recursive: true });
		const server = await startThrowawayPocketBase({ publicDir });
		try {
			browser = await launchBrowser({ baseURL: server.url });
			const page = await browser.newPage();
			await signUp(page, uniqueEmail('deploy'), 'Dee Ploy');
			await waitForServiceWorker(page);

			await page.getByLabel('Headline', { exact: true }).fill('typing, not saved yet');
			// Deploy: the service worker file changes on the server.
			const worker = join(publicDir, 'service-worker.js');
			writeFileSync(worker, `${readFileSync(worker, 'utf8')}\n// deployed again\n`);
			// The browser checks for a new worker when the tab comes back into view.
			await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

			await page.getByText('A new version of Tend is ready.').waitFor({ timeout: 30_000 });
			expect(await page.getByLabel('Headline', { exact: true }).inputValue()).toBe(
				'typing, not saved yet'
			);

			await Promise.all([
				page.waitForEvent('load'),
				page.getByRole('button', { name: 'Reload' }).click()
			]);
			await page.getByLabel('Name').waitFor();
			expect(await page.getByText('A new version of Tend is ready.').count()).toBe(0);
			expect(browser.errors).toEqual([]);
		} finally {
			await server.dispose();
			rmSync(publicDir, { recursive: true, force: true });
		}
	});
});
