// Swapping with no network, as in a conference hall: B has opened the app once online (the service
// worker holds the app), then loses the network, scans three people (one with the camera, two by
// typing the link), writes their notes, closes the app and opens it again, still offline. Back
// online, every swap reaches the server exactly once and each of the three people holds B.
// A forged code scanned offline is marked "Not verified yet" in People, and its refusal once online.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, tokenOf, type Person } from '../support/pb-harness';
import {
	launchWithCamera,
	listAs,
	openSection,
	pageToken,
	personLink,
	signUpWithCard,
	typeLink,
	waitForSynced,
	writeMemoryNote
} from '../support/swap-flow';
import { qrToY4m } from '../support/y4m';

const WAIT = { timeout: 30_000 };
const suffix = Math.random().toString(36).slice(2, 6);

interface Met extends Person {
	name: string;
	code: string;
	note: string;
}

/** A person with a card on the server and the code their phone would show. */
async function personWithCode(label: string, name: string): Promise<Met> {
	const person = await newPerson(label, { name, headline: `${name}'s headline` });
	const code = encodeSwapCode(inject('pbUrl'), await tokenOf(person), {
		name,
		headline: `${name}'s headline`,
		company: `${label} company`
	});
	if (!code.ok) throw new Error(code.message);
	return { ...person, name, code: code.value, note: `Talked with ${name} about offline sync` };
}

describe('swapping offline', () => {
	let browser: Browser | null = null;

	afterEach(async () => {
		await browser?.close();
		browser = null;
	});

	it('keeps three offline swaps across a reopen and sends each exactly once', async () => {
		const people = await Promise.all(
			['Uma', 'Vik', 'Wen'].map((first, i) => personWithCode(`off${i}`, `${first} ${suffix}`))
		);
		const [first, ...typed] = people;
		if (!first) throw new Error('no people');

		browser = await launchWithCamera(qrToY4m(first.code), {
			baseURL: inject('pbUrl'),
			// While offline every request the app tries fails; those are the point of this test.
			allowedErrors: [/ERR_INTERNET_DISCONNECTED/]
		});
		const nameB = `Bea Offline ${suffix}`;
		let page = await browser.newPage();
		await signUpWithCard(page, { name: nameB, headline: 'Always in basements' });

		// The app is installed: the service worker controls the page (a reload at most makes it so).
		const isControlled = () =>
			page.evaluate(async () => {
				await navigator.serviceWorker.ready;
				return navigator.serviceWorker.controller !== null;
			});
		if (!(await isControlled())) await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);
		await waitForSynced(page);

		await browser.context.setOffline(true);
		const canary = await page.evaluate(() =>
			fetch('/api/health', { cache: 'no-store' }).then(
				() => 'reached the server',
				() => 'offline'
			)
		);
		expect(canary).toBe('offline');

		// One with the camera, two by typing the link.
		await openSection(page, 'Swap');
		await page.getByRole('tab', { name: 'Scan' }).click();
		await page
			.getByText('Offline: the rest of their card comes when you are online.')
			.waitFor(WAIT);
		await writeMemoryNote(page, first.name, { talkedAbout: first.note });
		for (const person of typed) {
			await typeLink(page, person.code);
			await writeMemoryNote(page, person.name, { talkedAbout: person.note });
		}
		await page
			.getByRole('status')
			.filter({ hasText: 'Offline · 3 new contacts not synced yet' })
			.waitFor(WAIT);

		// Close the app and open it again, still offline: the shell comes from the service worker.
		await page.close();
		page = await browser.context.newPage();
		await page.goto('/people');
		for (const person of people) {
			const link = personLink(page, person.name);
			await link.waitFor(WAIT);
			expect(await link.textContent()).not.toContain('Needs a memory note');
		}
		expect(
			await page.evaluate(() =>
				fetch('/api/health', { cache: 'no-store' }).then(
					() => 'reached the server',
					() => 'offline'
				)
			)
		).toBe('offline');

		await browser.context.setOffline(false);
		await waitForSynced(page);

		const tokenB = await pageToken(page);
		const mine = (await fetch(`${inject('pbUrl')}/api/tend/token`, {
			headers: { authorization: tokenB }
		}).then((r) => r.json())) as { cardId: string };

		// B holds exactly three connections and three swaps on the server, notes included.
		const connections = await listAs<{ card: string; memoryNote: string; needsNote: boolean }>(
			inject('pbUrl'),
			tokenB,
			'connections'
		);
		const byCard = (card: string) => connections.filter((c) => c.card === card);
		expect(connections).toHaveLength(3);
		for (const person of people) {
			expect(byCard(person.cardId).map((c) => [c.memoryNote, c.needsNote])).toEqual([
				[person.note, false]
			]);
		}
		expect(await listAs(inject('pbUrl'), tokenB, 'swaps')).toHaveLength(3);

		// Each person holds B exactly once, waiting for their own memory note.
		for (const person of people) {
			const theirs = await person.pb.collection('connections').getFullList();
			expect(theirs.map((c) => [c.card, (c.snapshot as { name?: string }).name])).toEqual([
				[mine.cardId, nameB]
			]);
		}
		expect(browser.errors).toEqual([]);
	});

	it('marks a forged code scanned offline as not verified, then as refused once online', async () => {
		// A real card id with a signature the server never made: offline, nothing can tell.
		const victim = await newPerson('forged', { name: `Real Owner ${suffix}` });
		const expiry = Math.floor(Date.now() / 1000 + 86_400).toString(36);
		const claimed = `Your Bank Support ${suffix}`;
		const forged = encodeSwapCode(
			inject('pbUrl'),
			`${victim.cardId}.1.${expiry}.${'A'.repeat(22)}`,
			{
				name: claimed,
				headline: 'Security team',
				company: 'Your Bank'
			}
		);
		if (!forged.ok) throw new Error(forged.message);

		browser = await launchBrowser({
			baseURL: inject('pbUrl'),
			// Offline requests fail, and the server's refusal of the forged swap is the point.
			allowedErrors: [/ERR_INTERNET_DISCONNECTED/, /status of 400.*\/api\/tend\/swaps/]
		});
		const page = await browser.newPage();
		await signUpWithCard(page, { name: `Cy Trusting ${suffix}` });
		// The service worker holds the app, so the Swap screen opens offline.
		const isControlled = await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller !== null;
		});
		if (!isControlled) await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);
		await waitForSynced(page);

		await browser.context.setOffline(true);
		await openSection(page, 'Swap');
		await typeLink(page, forged.value);
		await writeMemoryNote(page, claimed, { talkedAbout: 'My account, they said' });
		await openSection(page, 'People');
		const link = personLink(page, claimed);
		await link.filter({ hasText: 'Not verified yet' }).waitFor(WAIT);
		expect(await link.textContent()).not.toContain('Refused');

		await browser.context.setOffline(false);
		await link.filter({ hasText: 'Refused: forged code' }).waitFor(WAIT);
		expect(await link.textContent()).not.toContain('Not verified yet');
		// Read as part of the link's name, as a screen reader announces it.
		await page
			.getByRole('link', { name: new RegExp(`^${claimed}.*Refused: forged code`) })
			.waitFor(WAIT);
		const tokenC = await pageToken(page);
		expect(await listAs(inject('pbUrl'), tokenC, 'swaps')).toEqual([]);
		expect(browser.errors).toEqual([]);
	});
});
