import { describe, expect, it } from 'vitest';
import { isSafeUrl } from './card';
import { emailLink, phoneLink, webLink } from './imported-links';

describe('links', () => {
	it.each([
		['ann@example.org', 'mailto:ann@example.org'],
		['  Ann Lee <ann@example.org> ', 'mailto:ann@example.org'],
		['mailto:ann%40example.org', 'mailto:ann@example.org'],
		['jörg@exämple.de', 'mailto:jörg@exämple.de']
	])('reads the email address %j', (raw, url) => {
		expect(emailLink(raw)?.url).toBe(url);
	});

	it.each([
		'ann',
		'ann@example',
		'a b@example.org',
		'ann@example.org?bcc=x@y.org',
		'ann@@example.org',
		'javascript:alert(1)//@x.org',
		'"ann"@example.org'
	])('refuses the email address %j', (raw) => {
		expect(emailLink(raw)).toBeNull();
	});

	it.each([
		['+49 (30) 1234-5678', 'tel:+49 (30) 1234-5678'],
		['tel:+1-555-0100;ext=12', 'tel:+1-555-0100'],
		['+1 415 555 0100 ext. 7', 'tel:+1 415 555 0100'],
		['+1 415 555 0100 x7', 'tel:+1 415 555 0100'],
		['０３−１２３４−５６７８', 'tel:03-1234-5678'],
		['112', 'tel:112']
	])('reads the phone number %j', (raw, url) => {
		expect(phoneLink(raw)?.url).toBe(url);
	});

	it.each(['1-800-FLOWERS', '12', '---', 'javascript:alert(1)', '+'.repeat(40), '1'.repeat(31)])(
		'refuses the phone number %j',
		(raw) => {
			expect(phoneLink(raw)).toBeNull();
		}
	);

	it.each([
		['https://www.linkedin.com/in/ann', 'linkedin', 'https://www.linkedin.com/in/ann'],
		['http://de.linkedin.com/in/ann/', 'linkedin', 'http://de.linkedin.com/in/ann/'],
		['https://ann.example.org', 'website', 'https://ann.example.org/'],
		['HTTPS://Ann.Example.ORG/Path', 'website', 'https://ann.example.org/Path'],
		['https://münchen.example/ä', 'website', 'https://xn--mnchen-3ya.example/%C3%A4']
	])('keeps the web link %j as %s', (raw, kind, url) => {
		expect(webLink(raw)).toEqual({ kind, url });
	});

	it.each([
		'javascript:alert(1)',
		' JAVASCRIPT:alert(1)',
		'data:text/html,x',
		'ftp://example.org',
		'https://linkedin.com@evil.example',
		'https://user:pass@example.org',
		'https://example.org/\u202Egnp.exe',
		'https://example.org/a b',
		'https://example.org/<script>',
		'example.org',
		`https://example.org/${'x'.repeat(300)}`
	])('refuses the web link %j', (raw) => {
		expect(webLink(raw)).toBeNull();
	});

	it('reads a bare host as https only where a file allows it', () => {
		expect(webLink('example.org/ann', { isBareAllowed: true })?.url).toBe(
			'https://example.org/ann'
		);
		expect(webLink('example.org:8080/ann', { isBareAllowed: true })?.url).toBe(
			'https://example.org:8080/ann'
		);
		expect(webLink('ann', { isBareAllowed: true })).toBeNull();
	});

	it('keeps a label to 40 UTF-16 units, one line', () => {
		const link = webLink('https://example.org', { label: `work\n${'😀'.repeat(30)}` });
		expect(link?.label).toBe(`work ${'😀'.repeat(17)}`);
		expect(link && isSafeUrl(link.url)).toBe(true);
	});
});
