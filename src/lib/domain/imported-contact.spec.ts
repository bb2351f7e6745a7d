import { describe, expect, it } from 'vitest';
import {
	addLink,
	cleanLine,
	cleanNote,
	finishContact,
	newDraft,
	snapshotBytes,
	snapshotOf,
	SNAPSHOT_BYTES
} from './imported-contact';
import { emailLink, webLink } from './imported-links';
import { contactViolations } from './testing/contact-invariants';

describe('cleanLine and cleanNote', () => {
	it.each([
		['collapses white space and line breaks', ' Ann \r\n\t Lee ', 'Ann Lee'],
		['removes controls and bidi overrides', 'Ann\u0000\u202E\u2067Lee\u0085', 'Ann Lee'],
		['removes a lone surrogate, keeps a pair', 'A\uD800B 😀', 'A B 😀'],
		['composes to NFC', 'Zoe\u0308', 'Zoë'],
		['keeps zero-width joiners inside emoji', '👩🏽‍💻', '👩🏽‍💻']
	])('%s', (_, raw, expected) => {
		expect(cleanLine(raw, 80)).toBe(expected);
	});

	it('cuts at whole characters, never inside an emoji or an accent', () => {
		expect(cleanLine('ab👍🏽', 3)).toBe('ab');
		expect(cleanLine('e\u0301e\u0301', 1)).toBe('é');
	});

	it('keeps a note’s lines, one blank line at most, every kind of line break as \\n', () => {
		expect(cleanNote('one\r\ntwo\u2028three\n\n\n\nfour \n five\u0007')).toBe(
			'one\ntwo\nthree\n\nfour\nfive'
		);
	});

	it('costs nothing more for a 10 MB value than for its first few thousand characters', () => {
		expect(cleanLine('x'.repeat(10_000_000), 80)).toBe('x'.repeat(80));
	});
});

describe('finishContact', () => {
	it('leaves out a person without a name', () => {
		const draft = newDraft();
		draft.name = ' \u202E ';
		expect(finishContact(draft, { source: 'vcard', where: 'Card 2 (line 9)' })).toEqual({
			contact: null,
			message: 'Card 2 (line 9) has no name, so it was left out.'
		});
	});

	it('keeps each link once, counts what it dropped, files a file’s contacts as imported', () => {
		const draft = newDraft();
		draft.name = 'Ann';
		addLink(draft, emailLink('ann@example.org'));
		addLink(draft, emailLink('ann@example.org'));
		addLink(draft, webLink('javascript:alert(1)'));
		const { contact, message } = finishContact(draft, { source: 'linkedin', where: 'Row 1' });
		expect(contact).toMatchObject({
			links: [{ kind: 'email', url: 'mailto:ann@example.org' }],
			source: 'linkedin',
			channel: 'imported'
		});
		expect(message).toBe(
			'Row 1, Ann: 1 link was left out (only web addresses, email addresses and phone numbers are kept).'
		);
	});

	it('drops a link no reader should have added, and counts it', () => {
		const draft = newDraft();
		draft.name = 'Ann';
		addLink(draft, { kind: 'website', url: 'javascript:alert(1)' });
		addLink(draft, { kind: 'website', label: 'a\u202Eb', url: 'https://example.org/' });
		const { contact, message } = finishContact(draft, { source: 'vcard', where: 'Card 1' });
		expect(contact?.links).toEqual([]);
		expect(message).toMatch(/^Card 1, Ann: 2 links were left out/);
	});

	it('files a scanned contact as met in person and may leave its name to the screen', () => {
		const draft = newDraft();
		addLink(draft, webLink('https://example.org/ann'));
		expect(
			finishContact(draft, { source: 'scan', where: 'This link', isNameRequired: false })
		).toMatchObject({ contact: { name: '', channel: 'in_person' }, message: '' });
	});
});

describe('the snapshot a contact is saved with', () => {
	it('holds the contact’s card and nothing it does not have', () => {
		const draft = newDraft();
		draft.name = 'Ann';
		draft.note = 'Met at RoboConf';
		addLink(draft, emailLink('ann@example.org'));
		const { contact } = finishContact(draft, { source: 'vcard', where: 'Card 1' });
		expect(contact && snapshotOf(contact)).toEqual({
			name: 'Ann',
			headline: '',
			company: '',
			canHelpWith: '',
			lookingFor: '',
			links: [{ kind: 'email', url: 'mailto:ann@example.org' }],
			photoUrl: '',
			note: 'Met at RoboConf'
		});
	});

	it('drops links from the end rather than outgrow the server’s 8,000 bytes, and says so', () => {
		const draft = newDraft();
		draft.name = '山'.repeat(80);
		draft.headline = '&'.repeat(120);
		draft.company = '<'.repeat(100);
		draft.note = '𝄞'.repeat(500);
		for (let i = 0; i < 10; i++) {
			addLink(draft, emailLink(`${i}${'ü'.repeat(280)}@example.org`, '山'.repeat(40)));
		}
		const { contact, message } = finishContact(draft, { source: 'vcard', where: 'Card 1' });
		expect(contact && snapshotBytes(contact)).toBeLessThanOrEqual(SNAPSHOT_BYTES);
		expect(contact?.links.length).toBeLessThan(10);
		expect(message).toContain(
			`it had 10 links, so only the first ${contact?.links.length} were kept`
		);
	});
});

describe('the specs’ invariant check', () => {
	it('catches what the readers must never let through (so the fuzz checks are not vacuous)', () => {
		expect(
			contactViolations({
				name: 'Ann\u202E',
				headline: '',
				company: '',
				links: [
					{ kind: 'website', url: 'javascript:alert(1)' },
					{ kind: 'website', url: 'https://user@example.org/' }
				],
				note: '',
				metAt: '',
				source: 'scan',
				channel: 'in_person'
			})
		).toEqual([
			'name holds a forbidden character',
			'unsafe link "javascript:alert(1)"',
			'link with a login "https://user@example.org/"'
		]);
	});
});
