// Beware hitchhikers: I see who holds my card, give one person my full card, and stop sharing
// with them; from then on they can no longer read my card (they keep the snapshot they had).
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, swap } from '../support/pb-harness';

const PASSWORD = 'correct-horse-battery'; // the harness's password for the people it makes

describe('who holds my card', () => {
	let browser: Browser;

	beforeEach(async () => {
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
	});

	afterEach(async () => {
		await browser.close();
	});

	it('shows the holder, shares the full card, then stops sharing', async () => {
		const ann = await newPerson('ann');
		const bob = await newPerson('bob');
		expect((await swap(bob, ann)).status).toBe(200);
		const bobReadsAnn = () =>
			bob.pb
				.collection('cards')
				.getOne(ann.cardId)
				.then(
					(card) => card,
					() => null
				);
		const eventCard = await bobReadsAnn();
		expect(eventCard?.name).toBe('ann name');
		expect(eventCard?.canHelpWith).toBeUndefined(); // not in the event card

		const page = await browser.newPage();
		await page.goto('/signin');
		await page.getByLabel('Email').fill(ann.email);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/me');

		await page.getByText('Sees your event card.').waitFor();
		await page.getByRole('button', { name: 'Share my full card with bob name' }).click();
		await page.getByText('Sees your full card.').waitFor();
		expect((await bobReadsAnn())?.canHelpWith).toBe('ann helps');

		await page.getByRole('button', { name: 'Stop sharing…' }).click();
		await page.getByRole('button', { name: 'Stop sharing with bob name' }).click();
		await page.getByText('Not sharing: they keep the card they had.').waitFor();
		expect(await bobReadsAnn()).toBeNull();
		expect(browser.errors).toEqual([]);
	});
});
