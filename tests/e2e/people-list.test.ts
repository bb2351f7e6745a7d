// The People list as a person uses it on a phone (found by role and label): search as I type,
// filters and sort that survive a reload (they live in the URL), several people tagged or archived
// in one go, the same offline reaching the server once back online, and every state of the screen
// passing the accessibility checks at 360×640 and 390×844 (screenshots kept with TEND_SHOTS_DIR).
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accessibilityReport, ALL_CLEAR, tabThrough } from '../support/a11y';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { seedNetwork, signInAs, type SeededNetwork } from '../support/network-seed';
import { newPerson, swap } from '../support/pb-harness';
import { openSection, personLink, waitForSynced } from '../support/swap-flow';

const WAIT = { timeout: 30_000 };

const CONTACTS = [
	{ name: 'Ada Lovelace', headline: 'Writes programs for engines', company: 'Analytical Ltd' },
	{ name: 'Grace Hopper', headline: 'Builds compilers', company: 'US Navy' },
	{ name: 'Alan Turing', headline: 'Breaks codes', company: 'Bletchley Park' },
	{ name: 'Katherine Johnson', headline: 'Orbital mechanics', company: 'NASA' }
];

interface ServerConnection {
	id: string;
	snapshot: { name?: string };
	tags: string[];
	channel: string;
	archived: boolean;
	memoryNote: string;
	howICanHelp: string;
	needsNote: boolean;
}

/** My connections on the server, by their name, as the SDK reads them signed in as me. */
async function serverConnections(network: SeededNetwork): Promise<Map<string, ServerConnection>> {
	const list = await network.me.pb.collection('connections').getFullList<ServerConnection>();
	return new Map(list.map((c) => [c.snapshot.name ?? '', c]));
}

/**
 * The four contacts, with what I wrote about them made on the server (another device of mine):
 * Ada and Grace tagged 'math', Alan met online with a note about Enigma, Katherine archived.
 * Alan and Katherine still need a memory note (Ada and Grace have one).
 */
async function seedFour(): Promise<SeededNetwork> {
	const network = await seedNetwork(CONTACTS);
	const byName = await serverConnections(network);
	const update = (name: string, patch: Partial<ServerConnection>) =>
		network.me.pb.collection('connections').update(byName.get(name)?.id ?? '', patch);
	await update('Ada Lovelace', {
		tags: ['math'],
		memoryNote: 'Bernoulli numbers',
		needsNote: false
	});
	await update('Grace Hopper', {
		tags: ['math'],
		memoryNote: 'A nanosecond of wire',
		needsNote: false
	});
	await update('Alan Turing', { channel: 'online', howICanHelp: 'Enigma rotor photos' });
	await update('Katherine Johnson', { archived: true });
	return network;
}

/** The names in the list, in its order. */
async function shownNames(page: Page): Promise<string[]> {
	return page
		.getByRole('list', { name: 'People found' })
		.locator(':scope > li .name')
		.allTextContents();
}

/** Waits until the list shows exactly these names (in this order). */
async function expectShown(page: Page, names: string[]): Promise<void> {
	await expect.poll(() => shownNames(page), WAIT).toEqual(names);
}

const searchField = (page: Page) => page.getByRole('searchbox', { name: 'Search people' });
const filtersButton = (page: Page) => page.getByRole('button', { name: /^Filters/ });

/** Dismisses the "‹name› saved your card" notices (they float over the bottom of the screen). */
async function dismissSwapNotices(page: Page, count: number): Promise<void> {
	const dismiss = page.getByRole('button', { name: /^Dismiss: .* saved your card$/ });
	await expect.poll(() => dismiss.count(), WAIT).toBe(count);
	while ((await dismiss.count()) > 0) await dismiss.first().click();
}

async function openFilters(page: Page): Promise<void> {
	if ((await filtersButton(page).getAttribute('aria-expanded')) !== 'true') {
		await filtersButton(page).click();
	}
}

describe('the People list', () => {
	let browser: Browser | undefined;

	afterEach(async () => {
		await browser?.close();
		browser = undefined;
	});

	it('finds people as I type, filters and sorts them, and keeps it all through a reload', async () => {
		const network = await seedFour();
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const page = await browser.newPage();
		await signInAs(page, network.me);
		await openSection(page, 'People');
		await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);

		// As I type: by headline, by company, by my notes; every word must match.
		await searchField(page).pressSequentially('compil');
		await expectShown(page, ['Grace Hopper']);
		await searchField(page).fill('');
		await searchField(page).pressSequentially('enigma');
		await expectShown(page, ['Alan Turing']);
		await searchField(page).fill('bletchley breaks');
		await expectShown(page, ['Alan Turing']);
		await page.waitForURL(/\?q=bletchley\+breaks$/, WAIT);
		await page.reload();
		await expectShown(page, ['Alan Turing']);
		expect(await searchField(page).inputValue()).toBe('bletchley breaks');

		// No match, then "Clear filters".
		await searchField(page).fill('zzz');
		await page.getByText('No one matches “zzz”.').waitFor(WAIT);
		await page.getByRole('button', { name: 'Clear filters' }).click();
		await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);
		expect(await searchField(page).inputValue()).toBe('');

		// Channel, through a reload; its chip turns it off.
		await openFilters(page);
		await page.getByLabel('Channel').selectOption({ label: 'Online' });
		await expectShown(page, ['Alan Turing']);
		await page.waitForURL(/channel=online/, WAIT);
		await page.reload();
		await expectShown(page, ['Alan Turing']);
		await page.getByRole('button', { name: 'Filters 1 on' }).waitFor(WAIT);
		await page.getByRole('button', { name: 'Remove filter: Online' }).click();
		await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);

		// Tag, needs a note, archived.
		await openFilters(page);
		await page.getByLabel('Tag', { exact: true }).selectOption('math');
		await expectShown(page, ['Grace Hopper', 'Ada Lovelace']);
		await page.getByLabel('Tag', { exact: true }).selectOption('');
		await page.getByRole('checkbox', { name: 'Needs a memory note' }).check();
		await expectShown(page, ['Alan Turing']);
		await page.getByRole('checkbox', { name: 'Needs a memory note' }).uncheck();
		await page.getByRole('checkbox', { name: 'Archived (only)' }).check();
		await expectShown(page, ['Katherine Johnson']);
		// the list follows a change at once, the URL a moment later: reload once it holds the change
		await page.waitForURL(/archived=1/, WAIT);
		await page.reload();
		await expectShown(page, ['Katherine Johnson']);
		expect(await personLink(page, 'Katherine Johnson').textContent()).toContain('Archived');
		await page.getByRole('button', { name: 'Remove filter: Archived' }).click();
		await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);
		// a change made before the last one reaches the URL takes its place in the history (the
		// next test): wait for it, so Back below returns to this list
		await page.waitForURL(/\/people$/, WAIT);

		// Sort by name survives a reload; back returns to the order before.
		await page.getByLabel('Sort').selectOption({ label: 'Name' });
		await expectShown(page, ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
		await page.waitForURL(/sort=name/, WAIT);
		await page.reload();
		await expectShown(page, ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
		await page.goBack();
		await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);
		expect(await page.getByLabel('Sort').inputValue()).toBe('met');

		expect(browser.errors).toEqual([]);
	});

	it('a second change made before the first reaches the URL builds on the first', async () => {
		const network = await seedFour();
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const page = await browser.newPage();
		await signInAs(page, network.me);
		await page.goto('/people?archived=1');
		await expectShown(page, ['Katherine Johnson']);
		// A busy phone: both in one task, so the second runs while the URL still holds the first's
		// query (the list used to sort the archived people, putting the filter back).
		await page.evaluate(() => {
			const chip = document.querySelector<HTMLButtonElement>(
				'button[aria-label="Remove filter: Archived"]'
			);
			const sort = document.querySelector<HTMLSelectElement>('#people-sort');
			if (!chip || !sort) throw new Error('no archived chip or sort field');
			chip.click();
			sort.value = 'name';
			sort.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await expectShown(page, ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
		await page.waitForURL(/\/people\?sort=name$/, WAIT);
		// the first navigation was overtaken by the second: Back returns to before both
		await page.goBack();
		await expectShown(page, ['Katherine Johnson']);
		expect(await page.getByLabel('Sort').inputValue()).toBe('met');
		expect(browser.errors).toEqual([]);
	});

	it('tags and archives several people in one go; offline, the change reaches the server once', async () => {
		const network = await seedFour();
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const page = await browser.newPage();
		await signInAs(page, network.me);
		await openSection(page, 'People');
		await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);

		// Online: Ada and Alan tagged 'speaker' in one go.
		await page.getByRole('button', { name: 'Select', exact: true }).click();
		await page.getByRole('checkbox', { name: 'Ada Lovelace' }).check();
		await page.getByRole('checkbox', { name: 'Alan Turing' }).check();
		const bar = page.getByRole('region', { name: 'Change the selected people' });
		await bar.getByText('2 selected').waitFor(WAIT);
		await bar.getByRole('button', { name: 'Tag', exact: true }).click();
		await bar.getByLabel('Tag for 2 people').fill('speaker');
		await bar.getByRole('button', { name: 'Add tag' }).click();
		await page.getByRole('status').filter({ hasText: 'Tagged 2 people ‘speaker’.' }).waitFor(WAIT);
		await bar.waitFor({ state: 'detached' });
		expect(await page.getByRole('checkbox').count()).toBe(0);
		await waitForSynced(page);
		let server = await serverConnections(network);
		expect(server.get('Ada Lovelace')?.tags).toEqual(['math', 'speaker']);
		expect(server.get('Alan Turing')?.tags).toEqual(['speaker']);
		expect(server.get('Grace Hopper')?.tags).toEqual(['math']);

		// Offline: everyone shown tagged 'followup', then archived, all on the device.
		await browser.context.setOffline(true);
		await page.getByRole('button', { name: 'Select', exact: true }).click();
		await page.getByRole('button', { name: 'Select all 3 shown' }).click();
		await bar.getByRole('button', { name: 'Tag', exact: true }).click();
		await bar.getByLabel('Tag for 3 people').fill('followup');
		await bar.getByRole('button', { name: 'Add tag' }).click();
		await page.getByRole('status').filter({ hasText: 'Tagged 3 people ‘followup’.' }).waitFor(WAIT);
		await page.getByRole('button', { name: 'Select', exact: true }).click();
		await page.getByRole('button', { name: 'Select all 3 shown' }).click();
		await bar.getByRole('button', { name: 'Archive' }).click();
		await page.getByRole('status').filter({ hasText: 'Archived 3 people.' }).waitFor(WAIT);
		await page.getByText('Everyone here is archived.').waitFor(WAIT);
		server = await serverConnections(network);
		expect([...server.values()].filter((c) => c.archived)).toHaveLength(1);

		// Back online: it arrives, once (same four connections, each changed as on the device).
		await browser.context.setOffline(false);
		await waitForSynced(page);
		server = await serverConnections(network);
		expect(server.size).toBe(4);
		expect([...server.entries()].map(([name, c]) => [name, c.archived, c.tags]).sort()).toEqual([
			['Ada Lovelace', true, ['math', 'speaker', 'followup']],
			['Alan Turing', true, ['speaker', 'followup']],
			['Grace Hopper', true, ['math', 'followup']],
			['Katherine Johnson', true, []]
		]);
		// Unarchive one from the archived view.
		await page.getByRole('button', { name: 'Show archived people' }).click();
		await expectShown(page, ['Katherine Johnson', 'Alan Turing', 'Grace Hopper', 'Ada Lovelace']);
		expect(browser.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
	});

	it.each([
		{ width: 360, height: 640 },
		{ width: 390, height: 844 }
	])(
		'at $width×$height: every state of the list passes the accessibility checks',
		async (viewport) => {
			const size = `${viewport.width}x${viewport.height}`;
			const network = await seedNetwork([]);
			browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
			const page = await browser.newPage();
			const checked: Record<string, Awaited<ReturnType<typeof accessibilityReport>>> = {};
			const look = async (screen: string) => {
				await keepShot(page, `people-list-${screen}-${size}`);
				checked[screen] = await accessibilityReport(page);
			};
			await signInAs(page, network.me);
			await openSection(page, 'People');
			await page.getByRole('main').getByRole('link', { name: 'Swap' }).waitFor(WAIT);
			await look('empty');

			// Three people scan my code: the list fills in from the server.
			for (const card of CONTACTS.slice(0, 3)) {
				const person = await newPerson('contact', card);
				expect((await swap(person, network.me)).status).toBe(200);
			}
			await personLink(page, 'Ada Lovelace').waitFor(WAIT);
			await expectShown(page, ['Alan Turing', 'Grace Hopper', 'Ada Lovelace']);
			// The "‹name› saved your card" notices float over the bottom: a person dismisses them.
			await dismissSwapNotices(page, 3);
			await look('list');

			await openFilters(page);
			await look('filters-open');
			await page.getByRole('checkbox', { name: 'Needs a memory note' }).check();
			await page.getByLabel('Sort').selectOption({ label: 'Name' });
			await expectShown(page, ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
			await filtersButton(page).click();
			await look('filters-on');

			await page.getByRole('button', { name: 'Select', exact: true }).click();
			await page.getByRole('checkbox', { name: 'Grace Hopper' }).check();
			await page
				.getByRole('region', { name: 'Change the selected people' })
				.getByRole('button', { name: 'Tag', exact: true })
				.click();
			await look('selection');
			// Tabbing through the list never leaves the focus under the bar or the navigation.
			expect((await tabThrough(page)).hidden).toEqual([]);
			await page.getByRole('button', { name: 'Done', exact: true }).click();

			await searchField(page).fill('nobody by this name');
			await page.getByText('No one matches').waitFor(WAIT);
			await look('no-match');

			expect(checked).toEqual({
				empty: ALL_CLEAR,
				list: ALL_CLEAR,
				'filters-open': ALL_CLEAR,
				'filters-on': ALL_CLEAR,
				selection: ALL_CLEAR,
				'no-match': ALL_CLEAR
			});
			expect(browser.errors).toEqual([]);
		}
	);
});
