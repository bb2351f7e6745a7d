// What opening the app asks of the server: a signed-in person reopens Tend online, and the app
// pulls every collection in one request, opens one live stream (no PocketBase realtime) and
// fetches my code's token once: at most 8 requests in all (before: every collection twice, one
// subscription request per collection and the token four times, about 24). Counted from the
// browser's own requests, until the header says Synced.
import type { Request } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { COLLECTIONS } from '../../src/lib/offline/schema';
import { launchBrowser, type Browser } from '../support/browser';
import { signUpWithCard, waitForSynced } from '../support/swap-flow';

describe('opening the app', () => {
	let browser: Browser;
	afterEach(async () => {
		await browser.close();
	});

	it('pulls once for every collection, opens one live stream, fetches the token once', async () => {
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const page = await browser.newPage();
		await signUpWithCard(page, { name: 'Opal Open', headline: 'Counting requests' });

		for (const screen of ['/swap', '/me', '/people', '/follow-ups']) {
			const requests: string[] = [];
			const onRequest = (request: Request) => {
				const url = new URL(request.url());
				if (url.pathname.startsWith('/api/')) requests.push(`${request.method()} ${url.pathname}`);
			};
			page.on('request', onRequest);
			await page.goto(screen);
			await page.getByRole('heading', { level: 1 }).waitFor();
			await waitForSynced(page);
			// a moment for anything that would follow the first run (a second pull, a late request)
			await page.waitForTimeout(1500);
			page.off('request', onRequest);

			const count = (what: string) => requests.filter((r) => r === what).length;
			expect(count('POST /api/tend/pull'), screen).toBe(1);
			for (const collection of COLLECTIONS) {
				expect(count(`GET /api/collections/${collection}/records`), collection).toBe(0);
			}
			expect(count('GET /api/tend/live'), screen).toBe(1);
			expect(requests.filter((r) => r.endsWith('/api/realtime'))).toEqual([]);
			expect(count('GET /api/tend/token'), screen).toBeLessThanOrEqual(1);
			expect(count('POST /api/collections/users/auth-refresh')).toBeLessThanOrEqual(1);
			expect(requests.length, `${screen}:\n${requests.join('\n')}`).toBeLessThanOrEqual(8);
		}
		expect(browser.errors).toEqual([]);
	});
});
