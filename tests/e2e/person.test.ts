// A person's page on a phone, as a person uses it (found by role and label): logging gives, asks
// (with the kind warning when I already lean on them), an introduction that shows on both
// timelines, a group conversation that is ONE record naming everyone; editing and deleting an
// entry; tags, channel, cadence, archive, stop sharing, forget. A second device of mine sees all of
// it after sync, deletions included; logging offline arrives exactly once; and the page and its
// log form pass the accessibility checks at 360×640.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accessibilityReport, ALL_CLEAR, tabThrough } from '../support/a11y';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { seedNetwork, signInAs, type SeededNetwork } from '../support/network-seed';
import type { Person } from '../support/pb-harness';
import { waitForSynced } from '../support/swap-flow';

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const SMALL = { width: 360, height: 640 };

interface ServerInteraction {
	id: string;
	kind: string;
	mode: string;
	text: string;
	people: string[];
	deleted: string;
}

/**
 * Keeps what the phone's screen shows with `what` scrolled to the top under the header (as a
 * person sees it, the bottom navigation in place), beside keepShot's full page; nothing in CI.
 */
async function keepScreen(page: Page, name: string, what: Locator): Promise<void> {
	const dir = process.env.TEND_SHOTS_DIR;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	await what.evaluate((el) => {
		el.scrollIntoView({ block: 'start' });
		window.scrollBy(0, -60);
	});
	await page.screenshot({ path: join(dir, `${name}-screen.png`) });
}

/** My connection ids on the server, by the name on the card I hold. */
async function connectionsByName(me: Person): Promise<Record<string, string>> {
	const records = await me.pb.collection('connections').getFullList({ requestKey: null });
	return Object.fromEntries(
		records.map((r) => [(r.snapshot as { name?: string }).name ?? '', r.id])
	);
}

/** My interactions on the server (what the swap logged as `met` left out). */
async function serverInteractions(me: Person): Promise<ServerInteraction[]> {
	const records = await me.pb
		.collection('interactions')
		.getFullList<ServerInteraction>({ requestKey: null });
	return records.filter((r) => r.kind !== 'met');
}

/** Opens a person's page and waits until it shows their card and timeline. */
async function openPerson(page: Page, id: string, name: string): Promise<void> {
	await page.goto(`/people/${id}`);
	await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
	await page.getByRole('list', { name: `Timeline with ${name}` }).waitFor(WAIT);
}

const timeline = (page: Page, name: string) =>
	page.getByRole('list', { name: `Timeline with ${name}` });
const entry = (page: Page, name: string, text: string | RegExp): Locator =>
	timeline(page, name).getByRole('listitem').filter({ hasText: text });
const kindButton = (page: Page, kind: string) =>
	page
		.getByRole('group', { name: 'What happened?' })
		.getByRole('button', { name: kind, exact: true });

/** Logs an entry of `kind` with `text` (today) through the form. */
async function logEntry(page: Page, kind: string, textLabel: string, text: string): Promise<void> {
	await kindButton(page, kind).click();
	await page.getByLabel(textLabel).fill(text);
	await page.getByRole('button', { name: 'Log it' }).click();
	await page
		.getByRole('status')
		.filter({ hasText: /^Logged:/ })
		.waitFor(WAIT);
}

/** Picks someone in a person chooser by typing part of their name. */
async function choose(page: Page, label: string, typed: string, name: string): Promise<void> {
	await page.getByLabel(label).fill(typed);
	await page
		.getByRole('list', { name: 'Matches' })
		.getByRole('button', { name: new RegExp(`^${name}`) })
		.click();
}

describe('a person page', () => {
	const browsers: Browser[] = [];

	afterEach(async () => {
		for (const browser of browsers.splice(0)) await browser.close();
	});

	async function phone(viewport = PHONE): Promise<Browser> {
		const browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
		browsers.push(browser);
		return browser;
	}

	async function seed(): Promise<{ network: SeededNetwork; ids: Record<string, string> }> {
		const network = await seedNetwork([
			{ name: 'Ann Example', headline: 'Engineer', company: 'Acme' },
			{ name: 'Bo Example', headline: 'Designer', company: 'Beta' },
			{ name: 'Cy Example', headline: 'Researcher', company: 'Gamma' },
			{ name: 'Dee Example', headline: 'Founder', company: 'Delta' }
		]);
		return { network, ids: await connectionsByName(network.me) };
	}

	it('logs, edits and deletes what happened; a second device sees all of it', async () => {
		const { network, ids } = await seed();
		const { me, contacts } = network;
		const [ann, , cy] = contacts as [Person, Person, Person, Person];
		// I asked Ann once and never gave: the next ask gets the kind warning.
		await me.pb.collection('interactions').create({
			kind: 'asked',
			text: 'An intro to her CTO',
			at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
			people: [ids['Ann Example']]
		});
		// Ann's card changes: I hold it, so I see old → new.
		await ann.pb.collection('cards').update(ann.cardId, { headline: 'CTO' });

		const a = await phone();
		const page = await a.newPage();
		await signInAs(page, me);
		await openPerson(page, ids['Ann Example']!, 'Ann Example');
		await page.getByText('Headline: Engineer → CTO').first().waitFor(WAIT);
		await page.getByText('You have asked once and not given yet.').waitFor(WAIT);
		await keepShot(page, 'person-top-390x844');

		// An ask while I lean on Ann: one kind sentence and an offer to give first.
		await kindButton(page, 'Asked').click();
		await page
			.getByText('You have asked Ann Example more than you have given so far.')
			.waitFor(WAIT);
		await keepShot(page, 'person-ask-warning-390x844');
		await keepScreen(
			page,
			'person-ask-warning-390x844',
			page.getByRole('heading', { name: 'Log what happened' })
		);
		await page.getByRole('button', { name: 'Log a give first' }).click();
		expect(await kindButton(page, 'Gave').getAttribute('aria-pressed')).toBe('true');
		// A give says what it was: the problem shows next to the field.
		await page.getByRole('button', { name: 'Log it' }).click();
		await expect
			.poll(() => page.getByLabel('What did you give?').getAttribute('aria-invalid'))
			.toBe('true');
		await page.getByText('Say what you gave, in a few words.').waitFor(WAIT);
		await page.getByLabel('What did you give?').fill('An article on hiring');
		await page.getByRole('button', { name: 'Log it' }).click();
		await entry(page, 'Ann Example', 'An article on hiring').waitFor(WAIT);
		await page.getByText('You have given once and asked once.').waitFor(WAIT);

		// Now that gives keep up, an ask carries no warning.
		await kindButton(page, 'Asked').click();
		expect(await page.getByText('more than you have given so far').count()).toBe(0);
		await page.getByLabel('What did you ask for?').fill('Feedback on my talk');
		await page.getByRole('button', { name: 'Log it' }).click();
		await entry(page, 'Ann Example', 'Feedback on my talk').waitFor(WAIT);

		// An introduction: one record naming Ann and Bo.
		await kindButton(page, 'Introduced').click();
		await choose(page, 'Introduced Ann Example to', 'bo', 'Bo Example');
		await page.getByLabel('Why introduce them? (optional)').fill('Both build design systems');
		await page.getByRole('button', { name: 'Log it' }).click();
		await entry(page, 'Ann Example', 'You introduced Ann Example to Bo Example').waitFor(WAIT);

		// A group conversation by call yesterday with Ann, Bo and Cy: one record naming all three.
		await kindButton(page, 'Talked').click();
		await choose(page, 'Who else was there? (optional)', 'bo ex', 'Bo Example');
		await choose(page, 'Who else was there? (optional)', 'cy', 'Cy Example');
		await page.getByRole('radio', { name: 'Call' }).check();
		await page.getByRole('radio', { name: 'Yesterday' }).check();
		await page.getByLabel('What did you talk about? (optional)').fill('The meetup schedule');
		await keepShot(page, 'person-log-conversation-390x844');
		await page.getByRole('button', { name: 'Log it' }).click();
		await entry(page, 'Ann Example', 'You talked by call, together with Bo Example and Cy Example')
			.filter({ hasText: 'yesterday' })
			.waitFor(WAIT);

		// Edit an entry, then delete another one (after a confirmation).
		await entry(page, 'Ann Example', 'Feedback on my talk')
			.getByRole('button', { name: 'Edit' })
			.click();
		await keepScreen(
			page,
			'person-edit-390x844',
			entry(page, 'Ann Example', 'Feedback on my talk')
		);
		await page
			.getByRole('form', { name: 'Edit entry' })
			.getByLabel('What did you ask for?')
			.fill('Feedback on my slides');
		await page.getByRole('button', { name: 'Save changes' }).click();
		await entry(page, 'Ann Example', 'Feedback on my slides').waitFor(WAIT);
		await entry(page, 'Ann Example', 'Feedback on my slides')
			.getByRole('button', { name: 'Delete' })
			.click();
		await page
			.getByRole('group', { name: 'Delete this entry?' })
			.getByRole('button', { name: 'Delete', exact: true })
			.click();
		await page.getByRole('status').filter({ hasText: 'Entry deleted.' }).waitFor(WAIT);
		expect(await entry(page, 'Ann Example', 'Feedback on my slides').count()).toBe(0);
		await page.getByText('You have given twice and asked once.').waitFor(WAIT);

		// Tags (one from the suggestions of tags I use), channel, cadence, archive.
		await page.getByLabel('Add a tag').fill('design');
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await page.getByRole('status').filter({ hasText: 'Tag design added.' }).waitFor(WAIT);
		await page.getByLabel('Add a tag').fill('mentor');
		await page.getByLabel('Add a tag').press('Enter');
		await page.getByRole('button', { name: 'Remove tag mentor' }).click();
		await page.getByRole('status').filter({ hasText: 'Tag mentor removed.' }).waitFor(WAIT);
		await page.getByLabel('Where you know them from').selectOption('online');
		await page.getByRole('status').filter({ hasText: 'Channel saved: online.' }).waitFor(WAIT);
		await page.getByLabel('How often to keep in touch').selectOption('close');
		await page
			.getByRole('status')
			.filter({ hasText: /^Cadence saved/ })
			.waitFor(WAIT);
		await page.getByRole('button', { name: 'Archive Ann Example' }).click();
		await page.getByRole('button', { name: 'Unarchive Ann Example' }).waitFor(WAIT);
		await keepShot(page, 'person-timeline-390x844');
		await keepScreen(
			page,
			'person-timeline-390x844',
			page.getByRole('heading', { name: 'What happened between you' })
		);

		// The introduction and the conversation are on Bo's timeline too, naming the others.
		await openPerson(page, ids['Bo Example']!, 'Bo Example');
		await entry(page, 'Bo Example', 'You introduced Bo Example to Ann Example').waitFor(WAIT);
		await entry(page, 'Bo Example', 'together with Ann Example and Cy Example').waitFor(WAIT);
		// A tag I use elsewhere is suggested.
		await page
			.getByRole('group', { name: 'Tags you already use' })
			.getByRole('button', { name: '+ design' })
			.click();
		await page.getByRole('status').filter({ hasText: 'Tag design added.' }).waitFor(WAIT);

		// Stop sharing my card with Cy, from Cy's page.
		await openPerson(page, ids['Cy Example']!, 'Cy Example');
		await page.getByText('Cy Example holds your event card.').waitFor(WAIT);
		await page.getByRole('button', { name: 'Stop sharing my card with Cy Example…' }).click();
		await page.getByRole('button', { name: 'Stop sharing with Cy Example' }).click();
		await page
			.getByRole('status')
			.filter({ hasText: 'You stopped sharing your card with Cy Example.' })
			.waitFor(WAIT);
		const cysView = await cy.pb.collection('connections').getFullList({ requestKey: null });
		expect(
			cysView.find((c) => (c.snapshot as { name?: string }).name === 'Me Example')?.revoked
		).toBe(true);

		// Forget Dee: a confirmation naming her, then People with a status.
		await openPerson(page, ids['Dee Example']!, 'Dee Example');
		await page.getByRole('button', { name: 'Forget Dee Example…' }).click();
		await page.getByRole('dialog', { name: 'Forget Dee Example?' }).waitFor(WAIT);
		await keepShot(page, 'person-forget-390x844');
		await page.getByRole('button', { name: 'Forget Dee Example', exact: true }).click();
		await page.waitForURL('**/people', WAIT);
		await page.getByRole('status').filter({ hasText: 'Dee Example was forgotten.' }).waitFor(WAIT);
		await waitForSynced(page);

		// The server holds ONE record per happening, the edit, and the deletion as a tombstone.
		const server = await serverInteractions(me);
		const live = server.filter((i) => !i.deleted);
		const conversations = live.filter((i) => i.kind === 'conversation');
		expect(conversations).toHaveLength(1);
		expect(conversations[0]).toMatchObject({ mode: 'call', text: 'The meetup schedule' });
		expect([...conversations[0]!.people].sort()).toEqual(
			[ids['Ann Example'], ids['Bo Example'], ids['Cy Example']].sort()
		);
		const intros = live.filter((i) => i.kind === 'introduced');
		expect(intros).toHaveLength(1);
		expect([...intros[0]!.people].sort()).toEqual([ids['Ann Example'], ids['Bo Example']].sort());
		expect(live.filter((i) => i.kind === 'gave').map((i) => i.text)).toEqual([
			'An article on hiring'
		]);
		expect(live.filter((i) => i.kind === 'asked').map((i) => i.text)).toEqual([
			'An intro to her CTO'
		]);
		expect(server.filter((i) => i.deleted)).toHaveLength(1);
		const annOnServer = await me.pb.collection('connections').getOne(ids['Ann Example']!);
		expect(annOnServer).toMatchObject({
			tags: ['design'],
			channel: 'online',
			cadence: 'close',
			archived: true
		});
		const deeOnServer = await me.pb.collection('connections').getOne(ids['Dee Example']!);
		expect(deeOnServer.deleted).not.toBe('');

		// My second device sees all of it, the deletion and the forgotten person included.
		const b = await phone();
		const other = await b.newPage();
		await signInAs(other, me);
		await waitForSynced(other);
		await openPerson(other, ids['Ann Example']!, 'Ann Example');
		await entry(other, 'Ann Example', 'An article on hiring').waitFor(WAIT);
		await entry(other, 'Ann Example', 'You introduced Ann Example to Bo Example').waitFor(WAIT);
		await entry(other, 'Ann Example', 'The meetup schedule').waitFor(WAIT);
		expect(await entry(other, 'Ann Example', /Feedback on my/).count()).toBe(0);
		await other
			.getByRole('list', { name: 'Tags of Ann Example' })
			.getByText('design')
			.waitFor(WAIT);
		expect(await other.getByLabel('Where you know them from').inputValue()).toBe('online');
		expect(await other.getByLabel('How often to keep in touch').inputValue()).toBe('close');
		await other.getByRole('button', { name: 'Unarchive Ann Example' }).waitFor(WAIT);
		await other.goto(`/people/${ids['Dee Example']}`);
		await other.getByRole('heading', { level: 1, name: 'Not found' }).waitFor(WAIT);

		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
	});

	it('logs offline, and what was logged reaches the server exactly once', async () => {
		const network = await seedNetwork([{ name: 'Eve Example' }, { name: 'Fay Example' }]);
		const ids = await connectionsByName(network.me);
		const browser = await phone();
		const page = await browser.newPage();
		await signInAs(page, network.me);
		await openPerson(page, ids['Eve Example']!, 'Eve Example');
		await waitForSynced(page);

		await browser.context.setOffline(true);
		await page
			.getByText('You are offline. Connect to see or change whether Eve Example holds your card.')
			.waitFor(WAIT);
		expect(
			await page.getByRole('button', { name: 'Stop sharing my card with Eve Example' }).isDisabled()
		).toBe(true);
		await logEntry(page, 'Gave', 'What did you give?', 'A book on facilitation');
		await kindButton(page, 'Talked').click();
		await choose(page, 'Who else was there? (optional)', 'fay', 'Fay Example');
		await page.getByRole('radio', { name: 'In person' }).check();
		await page.getByRole('button', { name: 'Log it' }).click();
		await entry(page, 'Eve Example', 'You talked in person, together with Fay Example').waitFor(
			WAIT
		);
		await keepShot(page, 'person-offline-390x844');
		expect(await serverInteractions(network.me)).toEqual([]);

		await browser.context.setOffline(false);
		await waitForSynced(page);
		await page.getByText('Eve Example holds your event card.').waitFor(WAIT);
		const server = await serverInteractions(network.me);
		expect(server.map((i) => i.kind).sort()).toEqual(['conversation', 'gave']);
		expect([...server.find((i) => i.kind === 'conversation')!.people].sort()).toEqual(
			[ids['Eve Example'], ids['Fay Example']].sort()
		);
		// A sync run later (a reload) sends nothing twice.
		await page.reload();
		await waitForSynced(page);
		expect(await serverInteractions(network.me)).toHaveLength(2);
		expect(browser.errors).toEqual([]);
	});

	it.each([SMALL, PHONE])(
		'the page and each log form pass the accessibility checks at $width×$height',
		async (viewport) => {
			const size = `${viewport.width}x${viewport.height}`;
			const network = await seedNetwork([
				{ name: 'Gus Example', headline: 'Organiser', company: 'Meetups' },
				{ name: 'Hal Example', headline: 'Speaker' }
			]);
			const ids = await connectionsByName(network.me);
			await network.me.pb.collection('interactions').create({
				kind: 'asked',
				text: 'A speaking slot',
				at: new Date().toISOString(),
				people: [ids['Gus Example']]
			});
			const browser = await phone(viewport);
			const page = await browser.newPage();
			await signInAs(page, network.me);
			await openPerson(page, ids['Gus Example']!, 'Gus Example');
			await page.getByText('Gus Example holds your event card.').waitFor(WAIT);
			const reports: Record<string, unknown> = {};
			const check = async (screen: string, what: Locator) => {
				await keepShot(page, `person-${screen}-${size}`);
				await keepScreen(page, `person-${screen}-${size}`, what);
				const report = await accessibilityReport(page);
				if (JSON.stringify(report) !== JSON.stringify(ALL_CLEAR)) reports[screen] = report;
			};
			const logSection = page.getByRole('heading', { name: 'Log what happened' });
			await check('page', page.getByRole('link', { name: '← People' }));
			await check('timeline', page.getByRole('heading', { name: 'What happened between you' }));
			await kindButton(page, 'Asked').click();
			await page.getByRole('button', { name: 'Log a give first' }).waitFor(WAIT);
			await check('log-asked', logSection);
			await kindButton(page, 'Gave').click();
			await page.getByRole('button', { name: 'Log it' }).click();
			await page.getByText('Say what you gave, in a few words.').waitFor(WAIT);
			await check('log-gave-error', logSection);
			// Tabbing through the open form never leaves the focus behind the header or navigation.
			const tabbing = await tabThrough(page, 120);
			expect(tabbing.visited).toEqual(
				expect.arrayContaining([
					'textarea "What did you give?"',
					'input "Today"',
					'button "Log it"'
				])
			);
			expect(tabbing.hidden).toEqual([]);
			await kindButton(page, 'Introduced').click();
			await page.getByLabel('Introduced Gus Example to').fill('ha');
			await page.getByRole('list', { name: 'Matches' }).waitFor(WAIT);
			await check('log-introduced', logSection);
			await kindButton(page, 'Talked').click();
			await page.getByRole('radio', { name: 'Pick a date' }).check();
			await check('log-conversation', logSection);
			await kindButton(page, 'Followed up').click();
			await check('log-followed-up', logSection);
			await page.getByRole('button', { name: 'Forget Gus Example…' }).click();
			await page.getByRole('dialog', { name: 'Forget Gus Example?' }).waitFor(WAIT);
			await check('forget', page.getByRole('heading', { name: 'This contact' }));
			expect(reports).toEqual({});
			expect(browser.errors).toEqual([]);
		}
	);
});
