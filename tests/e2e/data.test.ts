// My data, out and in, on a 390 px phone: each export (contacts, spreadsheet, calendar, all my
// data) downloads a file that a third-party parser reads back; a phone's .vcf and LinkedIn's
// Connections.csv are previewed (duplicates left out) and added, and the people show on People;
// the JSON export restores into a new account; a badge's vCard QR, filmed by the fake camera,
// becomes a contact whose memory note is asked for like a swap's.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accessibilityReport, ALL_CLEAR } from '../support/a11y';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { seedNetwork, signInAs } from '../support/network-seed';
import { newPerson } from '../support/pb-harness';
import { launchWithCamera, openSection, personLink, waitForSynced } from '../support/swap-flow';
import { qrToY4m } from '../support/y4m';

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };

/** Clicks an export button and returns the file it downloads, as text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([
		page.waitForEvent('download', WAIT),
		page.getByRole('button', { name: button }).click()
	]);
	const path = await file.path();
	return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const PHONE_EXPORT = [
	'BEGIN:VCARD',
	'VERSION:3.0',
	'N:Lovelace;Ada;;;',
	'FN:Ada Lovelace',
	'ORG:Analytical Engines',
	'TITLE:Mathematician',
	'item1.EMAIL;type=INTERNET;type=pref:ada@engines.example',
	'item1.X-ABLabel:_$!<Work>!$_',
	'TEL;type=CELL:+44 20 7946 0001',
	'END:VCARD',
	'BEGIN:VCARD',
	'VERSION:2.1',
	'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;',
	'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller',
	'URL:javascript:alert(1)',
	'END:VCARD',
	''
].join('\r\n');

const CONNECTIONS_CSV = [
	'Notes:',
	'"When exporting your connection data, you may notice that some of the email addresses are missing."',
	'',
	'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
	'Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,12 Mar 2024',
	'"Katherine ""Kay""",Johnson,https://www.linkedin.com/in/kjohnson,kay@nasa.example,"NASA, Langley",Mathematician,01 Feb 2023',
	''
].join('\r\n');

describe('my data, out and in', () => {
	const browsers: Browser[] = [];
	afterEach(async () => {
		for (const browser of browsers.splice(0)) await browser.close();
	});

	async function phone(): Promise<Browser> {
		const browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport: PHONE });
		browsers.push(browser);
		return browser;
	}

	it('exports every format, imports a .vcf and a Connections.csv, restores into a new account', async () => {
		const { me } = await seedNetwork(
			[
				{ name: 'Ann Example', company: 'Acme, Inc.', headline: '=HYPERLINK("http://x")' },
				{ name: 'Bo Example', company: 'Bo & Co' }
			],
			{ name: 'Me Example' }
		);
		const b = await phone();
		const page = await b.newPage();
		await signInAs(page, me);
		await openSection(page, 'People');
		await personLink(page, 'Ann Example').waitFor(WAIT);
		await openSection(page, 'Me');
		await page.getByRole('heading', { name: 'Your data' }).waitFor(WAIT);

		// Contacts: one vCard per person, read back by ical.js.
		const vcf = await download(page, 'Contacts (.vcf)');
		expect(vcf.name).toMatch(/^tend-contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
		const cards = ICAL.parse(vcf.text) as unknown[];
		const names = (Array.isArray(cards[0]) ? cards : [cards]).map((c) =>
			new ICAL.Component(c as never).getFirstPropertyValue('fn')
		);
		expect(names.sort()).toEqual(['Ann Example', 'Bo Example']);

		// The spreadsheet: a BOM, RFC 4180, the formula neutralised.
		const csv = await download(page, 'Spreadsheet (.csv)');
		expect(csv.text.startsWith('\uFEFF')).toBe(true);
		const rows = Papa.parse<string[]>(csv.text.slice(1), { skipEmptyLines: true }).data;
		const cells = rows.flat();
		expect(cells).toContain('Acme, Inc.');
		expect(cells).toContain(`'=HYPERLINK("http://x")`);

		// The calendar: one event per follow-up, read back by ical.js.
		const ics = await download(page, 'Follow-ups calendar (.ics)');
		const calendar = new ICAL.Component(ICAL.parse(ics.text) as never);
		const events = calendar.getAllSubcomponents('vevent');
		expect(events.length).toBeGreaterThan(0);
		const uids = events.map((e) => String(e.getFirstPropertyValue('uid')));
		expect(new Set(uids).size).toBe(uids.length);
		expect(events[0]?.getFirstSubcomponent('valarm')).not.toBeNull();

		// Everything, as JSON.
		const json = await download(page, 'All my data (.json)');
		const exported = JSON.parse(json.text) as { format: string; connections: unknown[] };
		expect(exported.format).toBe('tend-export');
		expect(exported.connections).toHaveLength(2);

		// Importing a phone's .vcf: the preview, a hostile link dropped, then People.
		await page.getByLabel(/A \.vcf file/).setInputFiles({
			name: 'contacts.vcf',
			mimeType: 'text/vcard',
			buffer: Buffer.from(PHONE_EXPORT)
		});
		await page.getByRole('heading', { name: /^2 to add/ }).waitFor(WAIT);
		await page.getByText('Jürgen Müller', { exact: true }).waitFor(WAIT);
		await keepShot(page, 'import-preview-390x844');
		expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);
		await page.getByRole('button', { name: 'Add 2 people' }).click();
		await page.getByText('2 people added to your people.').waitFor(WAIT);

		// LinkedIn's Connections.csv; choosing the .vcf again finds everyone already there.
		await page.getByLabel(/A \.vcf file/).setInputFiles({
			name: 'Connections.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(CONNECTIONS_CSV)
		});
		await page.getByRole('heading', { name: /^2 to add/ }).waitFor(WAIT);
		await page.getByRole('button', { name: 'Add 2 people' }).click();
		await page.getByText('2 people added to your people.').waitFor(WAIT);
		await page.getByLabel(/A \.vcf file/).setInputFiles({
			name: 'contacts.vcf',
			mimeType: 'text/vcard',
			buffer: Buffer.from(PHONE_EXPORT)
		});
		// Ada is found by her email; Jürgen had only his name, which two people may share.
		await page.getByRole('heading', { name: '1 to add, 1 already in your people' }).waitFor(WAIT);
		await waitForSynced(page);
		await openSection(page, 'People');
		for (const name of [
			'Ada Lovelace',
			'Jürgen Müller',
			'Grace Hopper',
			'Katherine "Kay" Johnson'
		]) {
			await personLink(page, name).waitFor(WAIT);
		}
		await personLink(page, 'Ada Lovelace').click();
		await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor(WAIT);
		await page.getByText('Analytical Engines').first().waitFor(WAIT);

		// A new account restores the export: the people come back.
		const fresh = await newPerson('fresh', { name: 'Fresh Start' });
		const c = await phone();
		const cp = await c.newPage();
		await signInAs(cp, fresh);
		await openSection(cp, 'Me');
		await cp.getByLabel(/A \.json file/).setInputFiles({
			name: json.name,
			mimeType: 'application/json',
			buffer: Buffer.from(json.text)
		});
		await cp.getByText(/^2 people, /).waitFor(WAIT);
		await cp.getByRole('button', { name: 'Restore' }).click();
		await cp.getByText(/^Restored 2 people/).waitFor(WAIT);
		await waitForSynced(cp);
		await openSection(cp, 'People');
		await personLink(cp, 'Ann Example').waitFor(WAIT);
		await personLink(cp, 'Bo Example').waitFor(WAIT);
		// A bad file says why.
		await openSection(cp, 'Me');
		await cp.getByLabel(/A \.json file/).setInputFiles({
			name: 'notes.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{"hello": 1}')
		});
		await cp.getByText('This file is not a Tend export.').waitFor(WAIT);
		for (const browser of [b, c]) expect(browser.errors).toEqual([]);
	});

	it("a badge's vCard QR becomes a contact, and its memory note is asked for", async () => {
		const me = await newPerson('me', { name: 'Me Example' });
		const badge = [
			'BEGIN:VCARD',
			'VERSION:3.0',
			'FN:Badge Person',
			'ORG:Expo GmbH',
			'EMAIL:badge@expo.example',
			'URL:https://expo.example/badge',
			'END:VCARD'
		].join('\r\n');
		const b = await launchWithCamera(qrToY4m(badge), { baseURL: inject('pbUrl'), viewport: PHONE });
		browsers.push(b);
		const page = await b.newPage();
		await signInAs(page, me);
		await page.getByRole('tab', { name: 'Scan' }).click();
		const add = page.getByRole('button', { name: 'Add as a contact' });
		await add.waitFor(WAIT);
		await page.getByText('Badge Person · Expo GmbH').waitFor(WAIT);
		await keepShot(page, 'scan-foreign-390x844');
		await add.click();
		await page.getByRole('heading', { name: 'Badge Person' }).waitFor(WAIT);
		await page.getByLabel('What did you talk about with Badge Person?').fill('Their booth');
		await page.getByRole('button', { name: 'Save note' }).click();
		await page.getByRole('status').filter({ hasText: 'Note saved.' }).waitFor(WAIT);
		await waitForSynced(page);
		expect(b.errors).toEqual([]);
	});
});
