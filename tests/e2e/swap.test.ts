// Two people swap cards in two real Chromiums against the real build and PocketBase: A shows the
// code the app draws, the test films that very screenshot as B's camera, B scans it with the app's
// scanner and writes the memory note; after sync each sees the other in People. Bad codes (a
// tampered signature, a Wi-Fi code, a javascript: link) get a clear message and save nothing.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser';
import {
	codeText,
	launchWithCamera,
	listAs,
	openSection,
	pageToken,
	personLink,
	showReadableCode,
	signUpWithCard,
	typeLink,
	waitForSynced,
	writeMemoryNote
} from '../support/swap-flow';
import { pngToY4m, qrToY4m } from '../support/y4m';

const WAIT = { timeout: 30_000 };
const suffix = () => Math.random().toString(36).slice(2, 6);

describe('swapping cards between two phones', () => {
	const open: Browser[] = [];
	const launch = async (browser: Promise<Browser>) => {
		const launched = await browser;
		open.push(launched);
		return launched;
	};

	afterEach(async () => {
		await Promise.all(open.splice(0).map((b) => b.close()));
	});

	it('B films A’s on-screen code, writes the note, and both see each other after sync', async () => {
		const nameA = `Ada Lovelace ${suffix()}`;
		const nameB = `Bo Berg ${suffix()}`;
		const a = await launch(launchBrowser({ baseURL: inject('pbUrl') }));
		const pageA = await a.newPage();
		await signUpWithCard(pageA, { name: nameA, headline: 'Analytical engines' });
		const { png: qr } = await showReadableCode(pageA, nameA);

		const b = await launch(launchWithCamera(pngToY4m(qr), { baseURL: inject('pbUrl') }));
		const pageB = await b.newPage();
		await signUpWithCard(pageB, { name: nameB, headline: 'Looms', company: 'Jacquard & Co' });
		await openSection(pageB, 'Swap');
		// The camera is allowed (the fake one always is): opening Scan starts it.
		await pageB.getByRole('tab', { name: 'Scan' }).click();

		// Their card at once, then the memory note.
		await pageB.getByRole('heading', { name: `You met ${nameA}` }).waitFor(WAIT);
		await expect
			.poll(() => pageB.getByRole('main').getByText('Analytical engines').isVisible())
			.toBe(true);
		await writeMemoryNote(pageB, nameA, {
			talkedAbout: 'Her talk on engines',
			help: 'An introduction to a printer'
		});
		await waitForSynced(pageB);

		await openSection(pageB, 'People');
		const aInB = personLink(pageB, nameA);
		await aInB.waitFor(WAIT);
		expect(await aInB.textContent()).not.toContain('Needs a memory note');

		// A never scanned: B arrives by sync, waiting for A's memory note.
		await openSection(pageA, 'People');
		const bInA = personLink(pageA, nameB);
		await bInA.waitFor(WAIT);
		await expect.poll(() => bInA.textContent(), WAIT).toContain('Needs a memory note');
		expect(await bInA.textContent()).toContain('Jacquard & Co');

		// Scanning A again says so, with a way to A's page, instead of making a second contact.
		await openSection(pageB, 'Swap');
		await pageB.getByRole('tab', { name: 'Scan' }).click();
		await pageB.getByRole('tabpanel').getByText(`You already have ${nameA}.`).waitFor(WAIT);
		await pageB.getByRole('link', { name: 'Open their page' }).click();
		await pageB.waitForURL(/\/people\/[a-z0-9]{15}$/, WAIT);
		await pageB.getByRole('heading', { level: 1, name: nameA }).waitFor(WAIT);
		await openSection(pageB, 'People');
		await aInB.waitFor(WAIT);
		expect(await aInB.count()).toBe(1);

		// The server agrees: one connection on each side, B's finished, A's waiting for a note.
		await waitForSynced(pageB);
		const bConnections = await listAs<{ needsNote: boolean; memoryNote: string }>(
			inject('pbUrl'),
			await pageToken(pageB),
			'connections'
		);
		expect(bConnections.map((c) => [c.needsNote, c.memoryNote])).toEqual([
			[false, 'Her talk on engines']
		]);
		const aConnections = await listAs<{ needsNote: boolean }>(
			inject('pbUrl'),
			await pageToken(pageA),
			'connections'
		);
		expect(aConnections.map((c) => c.needsNote)).toEqual([true]);

		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
	});

	it('refuses a tampered code, a Wi-Fi code and a javascript: link, and saves nothing', async () => {
		const nameA = `Ada Tamper ${suffix()}`;
		const a = await launch(launchBrowser({ baseURL: inject('pbUrl') }));
		const pageA = await a.newPage();
		await signUpWithCard(pageA, { name: nameA, headline: 'Target of forgery' });
		const genuine = await codeText(pageA, nameA);

		// Same shape, different signature: only the server can tell it is forged.
		const fields = genuine.split('~');
		const token = fields[1] ?? '';
		const sig = token.slice(-22);
		const forgedSig = [...sig].map((c, i) => (i < 4 ? (c === 'A' ? 'B' : 'A') : c)).join('');
		fields[1] = token.slice(0, -22) + forgedSig;
		const tampered = fields.join('~');
		expect(tampered).not.toBe(genuine);
		expect(tampered.length).toBe(genuine.length);

		const b = await launch(
			launchWithCamera(qrToY4m('WIFI:S:Hall;T:WPA;P:secret;;'), {
				baseURL: inject('pbUrl'),
				// The server's refusal of the forged token, which the app asks for on purpose.
				allowedErrors: [/status of 4\d\d.*\/api\/tend\/public\/card/]
			})
		);
		const pageB = await b.newPage();
		await signUpWithCard(pageB, { name: `Bo Careful ${suffix()}` });
		await openSection(pageB, 'Swap');

		// Opening Scan starts the camera, which films the Wi-Fi code; then the typed links.
		const alert = pageB.getByRole('tabpanel').getByRole('alert');
		await pageB.getByRole('tab', { name: 'Scan' }).click();
		await alert.filter({ hasText: 'This is a Wi-Fi code, not a Tend card.' }).waitFor(WAIT);
		await pageB.getByRole('button', { name: 'Stop camera' }).click();

		await typeLink(pageB, tampered);
		await alert.filter({ hasText: 'cannot be trusted' }).waitFor(WAIT);
		expect(await pageB.getByRole('heading', { name: /^You met/ }).count()).toBe(0);

		await typeLink(pageB, 'javascript:alert(document.cookie)');
		await alert.filter({ hasText: 'holds a script or a file, not a Tend card' }).waitFor(WAIT);
		expect(await pageB.getByRole('heading', { name: /^You met/ }).count()).toBe(0);

		await openSection(pageB, 'People');
		await pageB.getByText('Nobody yet.').waitFor(WAIT);
		await waitForSynced(pageB);
		const tokenB = await pageToken(pageB);
		expect(await listAs(inject('pbUrl'), tokenB, 'connections')).toEqual([]);
		expect(await listAs(inject('pbUrl'), tokenB, 'swaps')).toEqual([]);

		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
	});
});
