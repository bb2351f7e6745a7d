// Events on a 390 px phone, as an organiser and two attendees use them: the organiser creates an
// event (running now) and shows its poster; one attendee scans the poster with Tend's own scanner,
// the other opens its link (as a phone's camera would) after signing in; the two swap, and each
// finds the other on the event's page and in its post-event list; a join typed offline goes
// through once online; the organiser sees anonymous totals ("fewer than 5", never a name).
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accessibilityReport, ALL_CLEAR } from '../support/a11y';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { signInAs } from '../support/network-seed';
import { call, newPerson, type Person } from '../support/pb-harness';
import {
	codeText,
	launchWithCamera,
	openSection,
	readQrCode,
	typeLink,
	waitForSynced,
	writeMemoryNote
} from '../support/swap-flow';
import { qrToY4m } from '../support/y4m';

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };
const suffix = () => Math.random().toString(36).slice(2, 6);

/** Wall times ('YYYY-MM-DDTHH:MM') in the page's own zone, `hours` from now. */
async function wallTime(page: Page, hours: number): Promise<string> {
	return page.evaluate((h) => {
		const d = new Date(Date.now() + h * 3_600_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
	}, hours);
}

async function person(first: string): Promise<Person & { name: string }> {
	const name = `${first} ${suffix()}`;
	const who = await newPerson(first.toLowerCase(), {
		name,
		headline: `${first}'s headline`,
		company: `${first} & Co`
	});
	return { ...who, name };
}

describe('events', () => {
	const browsers: Browser[] = [];
	afterEach(async () => {
		for (const browser of browsers.splice(0)) await browser.close();
	});

	async function phone(allowedErrors: RegExp[] = []): Promise<Browser> {
		const browser = await launchBrowser({
			baseURL: inject('pbUrl'),
			viewport: PHONE,
			allowedErrors
		});
		browsers.push(browser);
		return browser;
	}

	it('create, poster, join by scanning and by link, swap, find each other; totals without names', async () => {
		const eventName = `DevConf ${suffix()}`;
		const organiser = await person('Olga');
		const ann = await person('Ann');
		const bo = await person('Bo');

		// The organiser creates the event, running now, and shows its poster.
		const o = await phone();
		const op = await o.newPage();
		await signInAs(op, organiser);
		await openSection(op, 'Events');
		await op.getByRole('heading', { level: 1, name: 'Events' }).waitFor(WAIT);
		expect(await op.getByText('Not built yet').count()).toBe(0);
		await op.getByRole('button', { name: 'Create an event' }).click();
		await op.getByRole('button', { name: 'Create the event' }).click();
		await op.getByText('Give the event a name.').waitFor(WAIT);
		await op.getByLabel('Name').fill(eventName);
		await op.getByLabel('Starts').fill(await wallTime(op, -1));
		await op.getByLabel('Ends').fill(await wallTime(op, -2));
		await op.getByRole('button', { name: 'Create the event' }).click();
		await op.getByText('The end must come after the start.').waitFor(WAIT);
		await op.getByLabel('Ends').fill(await wallTime(op, 6));
		await op.getByLabel('Place').fill('Hall 4, Berlin');
		await op.getByRole('button', { name: 'Create the event' }).click();
		await op.getByRole('heading', { level: 1, name: eventName }).waitFor(WAIT);
		await op.getByText(/Join code [A-Z2-9]{8}/).waitFor(WAIT);
		const code = (await op.locator('.code').first().innerText()).trim();
		expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
		// Running now: the organiser's current event, in the header.
		await op.getByRole('link', { name: `Current event: ${eventName}` }).waitFor(WAIT);
		await op.getByRole('link', { name: 'Show the poster' }).click();
		await op.getByRole('heading', { level: 1, name: eventName }).waitFor(WAIT);
		const poster = op.getByRole('img', { name: `QR code to join ${eventName}` });
		await poster.waitFor(WAIT);
		const link = await readQrCode(op, poster, { withSecondDecoder: true });
		expect(link).toBe(`${new URL(op.url()).origin}/join#${code}`);
		await op.getByText(code, { exact: true }).waitFor(WAIT);
		await keepShot(op, 'event-poster-390x844');
		expect(await accessibilityReport(op)).toEqual(ALL_CLEAR);

		// Ann scans the poster with Tend's own scanner: she joins.
		const a = await launchWithCamera(qrToY4m(link ?? ''), {
			baseURL: inject('pbUrl'),
			viewport: PHONE
		});
		browsers.push(a);
		const ap = await a.newPage();
		await signInAs(ap, ann);
		await ap.getByRole('tab', { name: 'Scan' }).click();
		await ap.getByText(`You joined ${eventName}`).waitFor(WAIT);
		await ap.getByRole('link', { name: `Current event: ${eventName}` }).waitFor(WAIT);

		// Bo opens the poster's link signed out (a phone's own camera), signs in, and joins.
		const b = await phone();
		const bp = await b.newPage();
		await bp.goto(`/join#${code}`);
		await bp.getByRole('heading', { level: 1, name: 'Join an event' }).waitFor(WAIT);
		await bp.getByRole('link', { name: 'Sign in' }).click();
		await bp.getByLabel('Email').fill(bo.email);
		await bp.getByLabel('Password').fill('correct-horse-battery');
		await bp.getByRole('button', { name: 'Sign in' }).click();
		await bp.waitForURL('**/join#*', WAIT);
		await bp.getByText(`You joined ${eventName}`).waitFor(WAIT);
		await keepShot(bp, 'event-joined-390x844');

		// They swap: Ann types Bo's link (her camera films the poster); both are filed under it.
		await bp.getByRole('link', { name: 'Swap cards' }).click();
		await bp.getByRole('link', { name: `Current event: ${eventName}` }).waitFor(WAIT);
		const boCode = await codeText(bp, bo.name);
		await openSection(ap, 'Swap');
		await typeLink(ap, boCode);
		await writeMemoryNote(ap, bo.name, { talkedAbout: 'Loom repairs' });
		await waitForSynced(ap);

		for (const [page, other] of [
			[ap, bo.name],
			[bp, ann.name]
		] as const) {
			await page.goto('/events');
			await page
				.getByRole('region', { name: 'Your events' })
				.getByRole('link', { name: new RegExp(eventName) })
				.click();
			await page.getByRole('heading', { level: 1, name: eventName }).waitFor(WAIT);
			const met = page.getByRole('region', { name: 'People you met here' });
			await met.getByRole('link', { name: new RegExp(other) }).waitFor(WAIT);
			await met.getByText(/^1 person · /).waitFor(WAIT);
			await openSection(page, 'Follow-ups');
			await page
				.getByRole('region', { name: `After ${eventName}` })
				.getByRole('link', { name: new RegExp(other) })
				.waitFor(WAIT);
		}
		await keepShot(ap, 'event-follow-ups-390x844');

		// Ann files Bo under no event, then under the event again, from his page.
		await openSection(ap, 'People');
		await ap
			.getByRole('main')
			.getByRole('link', { name: new RegExp(`^${bo.name}`) })
			.click();
		await ap.getByRole('heading', { name: 'Where we met' }).waitFor(WAIT);
		await ap.getByLabel('Event', { exact: true }).selectOption({ label: 'No event' });
		await ap.getByText('Filed under no event.').waitFor(WAIT);
		await waitForSynced(ap);
		await ap.goto('/events');
		await ap
			.getByRole('region', { name: 'Your events' })
			.getByRole('link', { name: new RegExp(eventName) })
			.click();
		await ap.getByText(/^Nobody yet/).waitFor(WAIT);
		await ap.goBack();
		await ap.goBack();
		await ap.getByLabel('Event', { exact: true }).selectOption({ label: eventName });
		await ap.getByText(`Filed under ${eventName}.`).waitFor(WAIT);
		await waitForSynced(ap);
		await keepShot(ap, 'person-event-390x844');

		// The organiser's totals: two joined and one swap are "fewer than 5"; never a name.
		await op.goto('/events');
		await op
			.getByRole('region', { name: 'Your events' })
			.getByRole('link', { name: new RegExp(eventName) })
			.click();
		const totals = op.getByRole('region', { name: 'Totals' });
		await totals.getByText('Fewer than 5 people joined').waitFor(WAIT);
		await totals.getByText('Fewer than 5 swaps').waitFor(WAIT);
		for (const who of [ann, bo]) {
			expect(await op.getByText(who.name).count()).toBe(0);
		}
		// Five joined: the count shows.
		for (let i = 0; i < 3; i++) {
			const extra = await newPerson(`extra${i}`);
			expect((await call(extra, 'POST', '/api/tend/events/join', { code })).status).toBe(200);
		}
		await op.reload();
		await op
			.getByRole('region', { name: 'Totals' })
			.getByText(/5 people joined/)
			.waitFor(WAIT);
		await keepShot(op, 'event-page-organiser-390x844');
		expect(await accessibilityReport(op)).toEqual(ALL_CLEAR);

		for (const browser of [o, a, b]) expect(browser.errors).toEqual([]);
	});

	it('a join typed offline goes through once online; a wrong code says why', async () => {
		const organiser = await person('Olga');
		const eventName = `PyCon ${suffix()}`;
		const event = await organiser.pb.collection('events').create({ name: eventName });
		const cy = await person('Cy');
		// The browser logs the wrong code's 404 and what going offline cut; nothing else may be.
		const c = await phone([
			/status of 404 .*\/api\/tend\/events\/join/,
			/ERR_INTERNET_DISCONNECTED/,
			/Failed to fetch/
		]);
		const page = await c.newPage();
		await signInAs(page, cy);
		await openSection(page, 'Events');
		await page.getByRole('heading', { level: 2, name: 'Join an event' }).waitFor(WAIT);

		await page.getByLabel('Event code').fill('0OIL');
		await page.getByRole('button', { name: 'Join' }).click();
		await page.getByRole('alert').waitFor(WAIT);
		await page.getByLabel('Event code').fill('ZZZZ9999');
		await page.getByRole('button', { name: 'Join' }).click();
		await page.getByText('No event has this code. Check it with the organiser.').waitFor(WAIT);
		await page.getByRole('button', { name: 'Dismiss ZZZZ9999' }).click();

		await c.context.setOffline(true);
		const typed = `${String(event.joinCode).slice(0, 4).toLowerCase()}-${String(event.joinCode).slice(4)}`;
		await page.getByLabel('Event code').fill(typed);
		await page.getByRole('button', { name: 'Join' }).click();
		await page.getByText(`You are offline: ${event.joinCode} will be sent`).waitFor(WAIT);
		await keepShot(page, 'events-offline-join-390x844');
		await c.context.setOffline(false);
		await page
			.getByRole('region', { name: 'Your events' })
			.getByRole('link', { name: new RegExp(eventName) })
			.waitFor(WAIT);
		await waitForSynced(page);
		const members = await call(organiser, 'GET', `/api/tend/events/${event.id}/totals`);
		expect(members.status).toBe(200);
		expect(await page.getByText('waiting to be sent').count()).toBe(0);
		await keepShot(page, 'events-list-390x844');
		expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);
		expect(c.errors).toEqual([]);
	});

	it('closing joining refuses the code; picking an event makes it current; leaving drops it', async () => {
		const organiser = await person('Olga');
		const eventName = `Closed ${suffix()}`;
		const event = await organiser.pb.collection('events').create({ name: eventName });
		const dee = await person('Dee');
		const o = await phone();
		const op = await o.newPage();
		await signInAs(op, organiser);
		await op.goto(`/events/${event.id}`);
		await op.getByRole('heading', { level: 1, name: eventName }).waitFor(WAIT);
		await op.getByRole('button', { name: 'Close joining' }).click();
		await op.getByText('Joining is closed: the code no longer lets anyone in.').waitFor(WAIT);
		await waitForSynced(op);

		const d = await phone([/status of 409 .*\/api\/tend\/events\/join/]);
		const dp = await d.newPage();
		await signInAs(dp, dee);
		await openSection(dp, 'Events');
		await dp.getByLabel('Event code').fill(String(event.joinCode));
		await dp.getByRole('button', { name: 'Join' }).click();
		await dp.getByText('Joining this event is closed.').waitFor(WAIT);
		await dp.getByRole('button', { name: `Dismiss ${event.joinCode}` }).click();

		await op.getByRole('button', { name: 'Open joining again' }).click();
		await waitForSynced(op);
		await dp.getByLabel('Event code').fill(String(event.joinCode));
		await dp.getByRole('button', { name: 'Join' }).click();
		const mine = dp.getByRole('region', { name: 'Your events' });
		await mine.getByRole('link', { name: new RegExp(eventName) }).waitFor(WAIT);

		// It has no dates, so it runs never: picked, it is the current event (and stays after a reload).
		await dp.getByLabel('Current event').selectOption({ label: eventName });
		await dp.getByRole('link', { name: `Current event: ${eventName}` }).waitFor(WAIT);
		await dp.reload();
		await dp.getByRole('link', { name: `Current event: ${eventName}` }).waitFor(WAIT);

		await mine.getByRole('link', { name: new RegExp(eventName) }).click();
		await dp.getByRole('button', { name: `Leave ${eventName}` }).click();
		await dp.waitForURL('**/events', WAIT);
		await dp.getByText(`You left ${eventName}.`).waitFor(WAIT);
		expect(await mine.getByRole('link', { name: new RegExp(eventName) }).count()).toBe(0);
		expect(await dp.getByRole('link', { name: /^Current event:/ }).count()).toBe(0);
		await waitForSynced(dp);
		const totals = await call(organiser, 'GET', `/api/tend/events/${event.id}/totals`);
		expect(totals.body.joined).toBeNull();
		for (const browser of [o, d]) expect(browser.errors).toEqual([]);
	});
});
