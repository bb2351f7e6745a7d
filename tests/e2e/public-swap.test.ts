// The phone camera path: B opens A's code with the phone's own camera, so the link lands on the
// public card page in B's browser. Signed in to Tend there, B swaps with one tap (the same use case
// as the app's scanner: the contact at once, the swap through the outbox, offline too) and writes
// the memory note; on the server exactly one swap and both connections exist. Not signed in, B
// signs in from the card and comes back to it. "What is Tend?" opens a page anyone can read.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { accessibilityReport, ALL_CLEAR, doneOnScreen } from '../support/a11y';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, newUser, tokenOf, type Person } from '../support/pb-harness';
import {
	listAs,
	openSection,
	pageToken,
	signUpWithCard,
	waitForSynced,
	writeMemoryNote
} from '../support/swap-flow';

const WAIT = { timeout: 30_000 };
const PHONES = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
] as const;
const suffix = () => Math.random().toString(36).slice(2, 6);

interface Owner extends Person {
	name: string;
	/** The link A's code holds, as a phone's camera opens it. */
	link: string;
}

/** A with a card on the server and the link their code holds. */
async function owner(first: string): Promise<Owner> {
	const name = `${first} ${suffix()}`;
	const person = await newPerson(`pub${suffix()}`, {
		name,
		headline: 'Runs the robotics meetup',
		lookingFor: 'A venue for the spring hackathon',
		eventFields: ['headline', 'lookingFor']
	});
	const code = encodeSwapCode(inject('pbUrl'), await tokenOf(person), {
		name,
		headline: 'Runs the robotics meetup',
		company: ''
	});
	if (!code.ok) throw new Error(code.message);
	return { ...person, name, link: code.value };
}

/** Signs in on the sign-in page (the harness's users share one password). */
async function signIn(page: Page, email: string): Promise<void> {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('correct-horse-battery');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/signin', WAIT);
}

/** B's card id, from the server (the token route names the card it signs). */
async function cardIdOf(page: Page): Promise<string> {
	const reply = await fetch(`${inject('pbUrl')}/api/tend/token`, {
		headers: { authorization: await pageToken(page) }
	});
	return ((await reply.json()) as { cardId: string }).cardId;
}

/** Checks the server holds exactly one swap of B with A and each side's connection, once. */
async function expectOneSwap(page: Page, a: Owner, note: string): Promise<void> {
	const tokenB = await pageToken(page);
	const swaps = await listAs(inject('pbUrl'), tokenB, 'swaps');
	expect(swaps).toHaveLength(1);
	const mine = await listAs<{ card: string; memoryNote: string }>(
		inject('pbUrl'),
		tokenB,
		'connections'
	);
	expect(mine.map((c) => [c.card, c.memoryNote])).toEqual([[a.cardId, note]]);
	const theirs = await a.pb.collection('connections').getFullList();
	expect(theirs.map((c) => c.card)).toEqual([await cardIdOf(page)]);
}

/** Waits until B's swaps on the server number `count` (the swap travels after the tap). */
async function waitForSwaps(page: Page, count: number): Promise<void> {
	const tokenB = await pageToken(page);
	await expect
		.poll(async () => (await listAs(inject('pbUrl'), tokenB, 'swaps')).length, WAIT)
		.toBe(count);
}

describe('the public card page swaps for someone signed in to Tend', () => {
	let browser: Browser | null = null;

	afterEach(async () => {
		await browser?.close();
		browser = null;
	});

	it.each(PHONES)(
		'swaps with one tap, asks for the note, and knows A afterwards (%o)',
		async (viewport) => {
			const a = await owner('Ana');
			browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
			const page = await browser.newPage();
			await signUpWithCard(page, { name: `Ben Camera ${suffix()}` });

			// The phone's camera opens A's link in the browser where B is signed in.
			await page.goto(a.link);
			await page.getByRole('heading', { level: 1, name: a.name }).waitFor(WAIT);
			await page.getByRole('button', { name: `Swap with ${a.name}` }).click();
			// Focus moves to the note screen (the button tapped is gone).
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()), WAIT)
				.toBe(`You met ${a.name}`);
			// The note screen shows what A is looking for (the card the server gave).
			await page
				.getByRole('region', { name: `You met ${a.name}` })
				.getByText('A venue for the spring hackathon')
				.waitFor(WAIT);
			// Done is on screen without scrolling (no bottom navigation here: the bar sits at the
			// bottom), and the note screen passes every accessibility check.
			expect(await page.evaluate(() => window.scrollY)).toBe(0);
			expect(await doneOnScreen(page)).toEqual({ isInside: true, isUncovered: true });
			expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);
			const note = 'Talked about a venue for their hackathon';
			await writeMemoryNote(page, a.name, { talkedAbout: note });
			await page
				.getByRole('status')
				.filter({ hasText: `Note saved. ${a.name} is in your People.` })
				.waitFor(WAIT);

			await page.getByRole('link', { name: 'Go to Swap' }).click();
			await waitForSynced(page);
			await expectOneSwap(page, a, note);

			// Opening A's link again: B already has A, with a way to their page; no second swap.
			await page.goto(a.link);
			await page
				.getByRole('status')
				.filter({ hasText: `You already have ${a.name} in your People.` })
				.waitFor(WAIT);
			expect(await page.getByRole('button', { name: `Swap with ${a.name}` }).count()).toBe(0);
			await page.getByRole('link', { name: `Open ${a.name}’s page` }).click();
			await page.waitForURL('**/people/*', WAIT);
			await page.getByRole('heading', { name: a.name }).first().waitFor(WAIT);
			await openSection(page, 'Swap');
			await waitForSynced(page);
			await expectOneSwap(page, a, note);
			expect(browser.errors).toEqual([]);
		}
	);

	it('queues the swap offline and sends it exactly once back online', async () => {
		const a = await owner('Oda');
		browser = await launchBrowser({
			baseURL: inject('pbUrl'),
			viewport: { width: 390, height: 844 },
			// While offline every request the app tries fails; those are the point of this test.
			allowedErrors: [/ERR_INTERNET_DISCONNECTED/]
		});
		const page = await browser.newPage();
		await signUpWithCard(page, { name: `Bo Basement ${suffix()}` });
		// The app is installed: the service worker serves the page offline.
		const isControlled = await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller !== null;
		});
		if (!isControlled) await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);
		await waitForSynced(page);

		await browser.context.setOffline(true);
		await page.goto(a.link);
		expect(
			await page.evaluate(() =>
				fetch('/api/health', { cache: 'no-store' }).then(
					() => 'reached the server',
					() => 'offline'
				)
			)
		).toBe('offline');
		// The code itself carries A's name: enough to swap.
		await page.getByRole('heading', { level: 1, name: a.name }).waitFor(WAIT);
		await page.getByRole('button', { name: `Swap with ${a.name}` }).click();
		const note = 'Met in the basement, no signal';
		await writeMemoryNote(page, a.name, { talkedAbout: note });
		await page
			.getByRole('status')
			.filter({ hasText: 'the swap is sent as soon as you are back online' })
			.waitFor(WAIT);
		expect(await listAs(inject('pbUrl'), await pageToken(page), 'swaps')).toEqual([]);

		await browser.context.setOffline(false);
		await waitForSwaps(page, 1);
		await page.getByRole('link', { name: 'Go to Swap' }).click();
		await waitForSynced(page);
		await expectOneSwap(page, a, note);
		expect(browser.errors).toEqual([]);
	});

	it('signs in from the card, comes back to it and swaps', async () => {
		const a = await owner('Ivo');
		const b = await newPerson(`signin${suffix()}`, { name: `Bea Visitor ${suffix()}` });
		browser = await launchBrowser({
			baseURL: inject('pbUrl'),
			viewport: { width: 360, height: 640 }
		});
		const page = await browser.newPage();
		await page.goto(a.link);
		await page.getByRole('heading', { level: 1, name: a.name }).waitFor(WAIT);
		await page.getByRole('button', { name: 'Save contact' }).waitFor(WAIT);
		await page.getByRole('region', { name: 'Send your details back' }).waitFor(WAIT);
		expect(await page.getByRole('button', { name: `Swap with ${a.name}` }).count()).toBe(0);

		await page.getByRole('link', { name: 'Have Tend? Sign in to swap' }).click();
		await page.waitForURL('**/signin#next=*', WAIT);
		// The code stays in fragments: it never travels in a query to the server's logs.
		expect(new URL(page.url()).search).toBe('');
		await page.getByLabel('Email').fill(b.email);
		await page.getByLabel('Password').fill('correct-horse-battery');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(a.link, WAIT);

		// A new device: B's card arrives with the first sync, then the swap is offered.
		await page.getByRole('button', { name: `Swap with ${a.name}` }).click();
		const note = 'Signed in at the door';
		await writeMemoryNote(page, a.name, { talkedAbout: note });
		await page.getByRole('link', { name: 'Go to Swap' }).click();
		await waitForSynced(page);
		await expectOneSwap(page, a, note);
		expect(browser.errors).toEqual([]);
	});

	it('asks someone without a card to make one, and tells me my own code is mine', async () => {
		const a = await owner('Noa');
		const cardless = await newUser(`nocard${suffix()}`);
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const page = await browser.newPage();
		await signIn(page, cardless.email);
		await page.goto(a.link);
		await page.getByRole('link', { name: 'Make your card first' }).waitFor(WAIT);
		expect(await page.getByRole('button', { name: `Swap with ${a.name}` }).count()).toBe(0);
		await page.getByRole('link', { name: 'Make your card first' }).click();
		await page.waitForURL('**/me', WAIT);

		// A opens their own code in their own browser.
		expect(browser.errors).toEqual([]);
		await browser.close();
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const own = await browser.newPage();
		await signIn(own, a.email);
		await own.goto(a.link);
		await own.getByRole('status').filter({ hasText: 'This is your own card' }).waitFor(WAIT);
		expect(await own.getByRole('button', { name: `Swap with ${a.name}` }).count()).toBe(0);
		expect(await listAs(inject('pbUrl'), a.pb.authStore.token, 'swaps')).toEqual([]);
		expect(browser.errors).toEqual([]);
	});
});

describe('What is Tend?', () => {
	let browser: Browser | null = null;

	afterEach(async () => {
		await browser?.close();
		browser = null;
	});

	it.each(PHONES)('opens for a visitor without an account (%o)', async (viewport) => {
		browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
		const page = await browser.newPage();
		await page.goto('/c#garbage');
		await page.getByRole('heading', { name: "This code can't be opened" }).waitFor(WAIT);
		await page.getByRole('link', { name: 'What is Tend?' }).click();
		await page.waitForURL('**/about', WAIT);
		await page.getByRole('heading', { level: 1, name: 'What is Tend?' }).waitFor(WAIT);
		await page.getByRole('heading', { name: 'How a swap works' }).waitFor(WAIT);
		expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);
		await page.getByRole('link', { name: 'Create an account' }).waitFor(WAIT);
		await page.getByRole('link', { name: 'Sign in' }).waitFor(WAIT);

		// Straight to the page too, and from a card that opens.
		await page.goto('/about');
		await page.getByRole('heading', { level: 1, name: 'What is Tend?' }).waitFor(WAIT);
		expect(new URL(page.url()).pathname).toBe('/about');
		const a = await owner('Abe');
		await page.goto(a.link);
		await page.getByRole('heading', { level: 1, name: a.name }).waitFor(WAIT);
		await page.getByRole('link', { name: 'What is Tend?' }).click();
		await page.waitForURL('**/about', WAIT);
		expect(browser.errors).toEqual([]);
	});
});
