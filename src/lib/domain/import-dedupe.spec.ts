import { describe, expect, it } from 'vitest';
import type { CardLink } from './card';
import { emailKey, phoneKey, previewImport, profileKey } from './import-dedupe';
import type { ImportedContact } from './imported-contact';
import { aPerson } from './testing/records';

function anImported(name: string, ...urls: string[]): ImportedContact {
	const links = urls.map((url): CardLink => ({
		kind: url.startsWith('mailto:') ? 'email' : url.startsWith('tel:') ? 'phone' : 'website',
		url
	}));
	return {
		name,
		headline: '',
		company: '',
		links,
		note: '',
		metAt: '',
		source: 'vcard',
		channel: 'imported'
	};
}

const having = (name: string, ...urls: string[]) =>
	aPerson({ snapshot: { name, links: urls.map((url) => ({ kind: 'other', url })) } });

describe('the keys a duplicate is found by', () => {
	it.each([
		['mailto:Ann@Example.ORG', 'ann@example.org'],
		['mailto:ann%40example.org?subject=hi', 'ann@example.org'],
		['https://example.org', '']
	])('emailKey(%j) is %j', (url, key) => {
		expect(emailKey(url)).toBe(key);
	});

	it.each([
		['tel:+49 30 1234 5678', '012345678'],
		['tel:030 12345678', '012345678'],
		['tel:+1 (415) 555-0100', '155550100'],
		['tel:1234567', '1234567'],
		['tel:112', ''],
		['mailto:123456789@example.org', '']
	])('phoneKey(%j) is %j', (url, key) => {
		expect(phoneKey(url)).toBe(key);
	});

	it.each([
		['https://www.linkedin.com/in/Ann-Lee-4b2a19/', 'linkedin.com/in/ann-lee-4b2a19'],
		['http://de.linkedin.com/in/ann-lee-4b2a19?trk=x#top', 'linkedin.com/in/ann-lee-4b2a19'],
		['https://www.linkedin.com/in/j%C3%B6rg', 'linkedin.com/in/jörg'],
		['https://www.linkedin.com/company/acme', ''],
		['https://GitHub.com/annlee/', 'github.com/annlee'],
		['http://www.ann.example/about?utm=1', 'ann.example/about'],
		['https://acme.example/', ''],
		['tel:+49 30 1234567', ''],
		['not a url', '']
	])('profileKey(%j) is %j', (url, key) => {
		expect(profileKey(url)).toBe(key);
	});
});

describe('previewImport', () => {
	it('skips whom I already have by email, phone or profile link, naming them and why', () => {
		const ann = having('Ann Lee', 'mailto:ann@example.org');
		const bo = having('Bo Li', 'tel:+49 30 1234 5678');
		const cy = having('Cy Ng', 'https://www.linkedin.com/in/cy-ng');
		const preview = previewImport(
			[
				anImported('Ann L.', 'mailto:ANN@example.org'),
				anImported('Bo', 'tel:030 12345678'),
				anImported('Cyrus Ng', 'https://de.linkedin.com/in/Cy-Ng/'),
				anImported('Dee', 'mailto:dee@example.org')
			],
			[ann, bo, cy]
		);
		expect(preview.toAdd.map((c) => c.name)).toEqual(['Dee']);
		expect(preview.duplicates.map(({ contact, ...d }) => [contact.name, d])).toEqual([
			[
				'Ann L.',
				{
					reason: 'email',
					existingId: ann.id,
					message: 'Already in your people as Ann Lee: same email address.'
				}
			],
			[
				'Bo',
				{
					reason: 'phone',
					existingId: bo.id,
					message: 'Already in your people as Bo Li: same phone number.'
				}
			],
			[
				'Cyrus Ng',
				{
					reason: 'profile',
					existingId: cy.id,
					message: 'Already in your people as Cy Ng: same profile link.'
				}
			]
		]);
	});

	it('skips a second row of the same person within the file, keeping the first', () => {
		const preview = previewImport(
			[
				anImported('Ann Lee', 'mailto:ann@example.org'),
				anImported('Ann (work)', 'tel:+1 415 555 0100', 'mailto:Ann@Example.org')
			],
			[]
		);
		expect(preview.toAdd.map((c) => c.name)).toEqual(['Ann Lee']);
		expect(preview.duplicates).toEqual([
			{
				contact: expect.objectContaining({ name: 'Ann (work)' }),
				reason: 'email',
				message: 'Also earlier in this file, as Ann Lee: same email address.'
			}
		]);
	});

	it('never calls two people the same for a shared name, company site or short number', () => {
		const preview = previewImport(
			[
				anImported('Ann Lee', 'https://acme.example/', 'tel:112'),
				anImported('Ann Lee', 'https://acme.example', 'tel:112'),
				anImported('Bo Li')
			],
			[having('Ann Lee', 'https://www.acme.example/', 'tel:112'), having('Bo Li')]
		);
		expect(preview.toAdd).toHaveLength(3);
		expect(preview.duplicates).toEqual([]);
	});

	it('does not count people I forgot, and survives a stored record of any shape', () => {
		const forgotten = aPerson({
			deleted: '2026-05-02T00:00:00.000Z',
			snapshot: { name: 'Ann', links: [{ kind: 'email', url: 'mailto:ann@example.org' }] }
		});
		const odd = {
			id: 'odd',
			snapshot: { name: '', links: [{ kind: 'email', url: 42 }] }
		} as unknown as Parameters<typeof previewImport>[1][number];
		const empty = { id: 'empty' } as unknown as Parameters<typeof previewImport>[1][number];
		const preview = previewImport(
			[anImported('Ann', 'mailto:ann@example.org')],
			[forgotten, odd, empty]
		);
		expect(preview.toAdd).toHaveLength(1);
	});

	it('puts every contact in exactly one list, in the file’s order, across 5,000 contacts', () => {
		const contacts = Array.from({ length: 5000 }, (_, i) =>
			anImported(`P${i}`, `mailto:p${i % 4000}@example.org`, `tel:+49 30 ${1_000_000 + (i % 3000)}`)
		);
		const existing = Array.from({ length: 1000 }, (_, i) =>
			having(`E${i}`, `mailto:p${i}@example.org`)
		);
		const preview = previewImport(contacts, existing);
		expect(preview.toAdd.length + preview.duplicates.length).toBe(5000);
		// p0…p999 are known (rows 0–999 and 4000–4999); rows 1000–2999 are new; rows 3000–3999
		// share a phone with rows 0–999 (themselves duplicates, so the same person).
		expect(preview.toAdd.map((c) => c.name)).toEqual(
			Array.from({ length: 2000 }, (_, i) => `P${i + 1000}`)
		);
	});
});
