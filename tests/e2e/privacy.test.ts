// Beware hitchhikers: I see who holds my card, give one person my full card, and stop sharing
// with them; from then on they receive nothing more of my card (they keep the snapshot they had),
// the code they scanned before no longer reconnects them, and the code I show now does.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser';
import { call, newPerson, reasonOf, swap, swapBody } from '../support/pb-harness';
import { codeText, openSection } from '../support/swap-flow';

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
		// ann's event card leaves out what she can help with (the default shows it)
		const ann = await newPerson('ann', { eventFields: ['headline', 'company', 'photo'] });
		const bob = await newPerson('bob');
		const first = await swap(bob, ann);
		expect(first.status).toBe(200);
		const bobsConnection = (first.body as { connection: { id: string } }).connection.id;
		/** What bob's device receives of ann: the snapshot on his own connection. */
		const bobsView = async () => {
			const mine = await bob.pb.collection('connections').getOne(bobsConnection);
			return { revoked: mine.revoked as boolean, card: mine.snapshot as Record<string, unknown> };
		};
		expect((await bobsView()).card.name).toBe('ann name');
		expect((await bobsView()).card.canHelpWith).toBeUndefined(); // not in the event card

		const page = await browser.newPage();
		await page.goto('/signin');
		await page.getByLabel('Email').fill(ann.email);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/swap');

		const codeBefore = await codeText(page, 'ann name');
		await openSection(page, 'Me');
		await page.getByText('Sees your event card.').waitFor();
		await page.getByRole('button', { name: 'Share my full card with bob name' }).click();
		await page.getByText('Sees your full card.').waitFor();
		expect((await bobsView()).card.canHelpWith).toBe('ann helps');

		await page.getByRole('button', { name: 'Stop sharing…' }).click();
		await page.getByRole('button', { name: 'Stop sharing with bob name' }).click();
		await page.getByText('Not sharing: they keep the card they had.').waitFor();
		await ann.pb.collection('cards').update(ann.cardId, { headline: 'after stopping' });
		expect(await bobsView()).toMatchObject({ revoked: true, card: { headline: 'ann headline' } });

		// the code bob scanned before stopping no longer shares; the one ann shows now does
		const tokenOfCode = (text: string) => text.split('#')[1]?.split('~')[1] ?? '';
		const replay = await call(bob, 'POST', '/api/tend/swaps', swapBody(tokenOfCode(codeBefore)));
		expect(reasonOf(replay)).toBe('revoked');
		const codeAfter = await codeText(page, 'ann name');
		expect(codeAfter).not.toBe(codeBefore);
		const again = await call(bob, 'POST', '/api/tend/swaps', swapBody(tokenOfCode(codeAfter)));
		expect(again.status).toBe(200);
		expect(await bobsView()).toMatchObject({
			revoked: false,
			card: { headline: 'after stopping' }
		});
		await openSection(page, 'Me');
		await page.getByText('Sees your event card.').waitFor();
		expect(browser.errors).toEqual([]);
	});
});
