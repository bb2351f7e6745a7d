import { describe, expect, it } from 'vitest';
import { sendHref, wayLabel } from './send';
import type { Draft, SendWay } from './types';

const DRAFT: Draft = {
	subject: 'Great to meet you at DevConf',
	body: 'Hi Ann,\n\nThank you.\n\nMaria'
};

describe('sendHref: email', () => {
	it('fills subject and body, line breaks as %0D%0A', () => {
		expect(sendHref({ kind: 'email', address: 'ann@example.com' }, DRAFT)).toBe(
			'mailto:ann@example.com?subject=Great%20to%20meet%20you%20at%20DevConf' +
				'&body=Hi%20Ann%2C%0D%0A%0D%0AThank%20you.%0D%0A%0D%0AMaria'
		);
	});

	it('encodes & ? # % + = and emoji, and turns any line break into one CRLF', () => {
		const draft: Draft = { subject: 'Q&A? #1 100%', body: 'a+b=c\r\nd\re\n🎉 “ok”' };
		expect(sendHref({ kind: 'email', address: 'ann@example.com' }, draft)).toBe(
			'mailto:ann@example.com?subject=Q%26A%3F%20%231%20100%25' +
				'&body=a%2Bb%3Dc%0D%0Ad%0D%0Ae%0D%0A%F0%9F%8E%89%20%E2%80%9Cok%E2%80%9D'
		);
	});

	it('accepts a card link ("mailto:ann@example.com") and a plus address', () => {
		expect(sendHref({ kind: 'email', address: ' MAILTO:ann+tend@example.com ' }, DRAFT)).toMatch(
			/^mailto:ann\+tend@example\.com\?subject=/
		);
	});

	it('leaves out an empty subject or body', () => {
		const way: SendWay = { kind: 'email', address: 'ann@example.com' };
		expect(sendHref(way, { subject: '', body: 'Hi' })).toBe('mailto:ann@example.com?body=Hi');
		expect(sendHref(way, { subject: 'Hi', body: '' })).toBe('mailto:ann@example.com?subject=Hi');
		expect(sendHref(way, { subject: '', body: '' })).toBe('mailto:ann@example.com');
	});

	it('never throws on a lone surrogate (a cut emoji)', () => {
		const href = sendHref(
			{ kind: 'email', address: 'ann@example.com' },
			{ subject: 'x\ud83d', body: '\ude00y' }
		);
		expect(href).toBe('mailto:ann@example.com?subject=x&body=y');
	});

	it.each([
		['empty', ''],
		['no @', 'ann.example.com'],
		['two @', 'ann@bob@example.com'],
		['nothing before @', '@example.com'],
		['nothing after @', 'ann@'],
		['a header smuggled in with ?', 'ann@example.com?cc=boss@example.com'],
		['a header smuggled in with &', 'ann@example.com&bcc=x'],
		['a second recipient', 'ann@example.com,bob@example.com'],
		['a second recipient with ;', 'ann@example.com;bob@example.com'],
		['a fragment', 'ann@example.com#x'],
		['percent-encoding', 'ann%40x@example.com'],
		['angle brackets', '<ann@example.com>'],
		['a space', 'ann @example.com'],
		['a newline', 'ann@example.com\nbcc:x'],
		['a quote', 'ann"@example.com'],
		['another scheme', 'javascript:alert(1)@x']
	])('gives "" for an unusable address: %s', (_name, address) => {
		expect(sendHref({ kind: 'email', address }, DRAFT)).toBe('');
	});
});

describe('sendHref: sms', () => {
	it('keeps digits and a leading +, and fills the body (line breaks as %0A)', () => {
		expect(sendHref({ kind: 'sms', number: '+49 (151) 234-5678' }, DRAFT)).toBe(
			'sms:+491512345678?body=Hi%20Ann%2C%0A%0AThank%20you.%0A%0AMaria'
		);
	});

	it('accepts a card link ("tel:…") and a number with dots or slashes', () => {
		expect(
			sendHref({ kind: 'sms', number: 'tel:030/123.456' }, { subject: '', body: 'Hi & 🎉' })
		).toBe('sms:030123456?body=Hi%20%26%20%F0%9F%8E%89');
		expect(sendHref({ kind: 'sms', number: '0301234' }, { subject: 'x', body: '' })).toBe(
			'sms:0301234'
		);
	});

	it.each([
		['empty', ''],
		['letters', 'call me'],
		['too short', '12'],
		['only a +', '+'],
		['a + inside', '49+151'],
		['a query smuggled in', '+491512345678?body=hi'],
		['a comma list', '123,456'],
		['too long', '1'.repeat(40)]
	])('gives "" for an unusable number: %s', (_name, number) => {
		expect(sendHref({ kind: 'sms', number }, DRAFT)).toBe('');
	});
});

describe('sendHref: linkedin and website', () => {
	it('is the url itself (the UI copies the draft first)', () => {
		expect(sendHref({ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann' }, DRAFT)).toBe(
			'https://www.linkedin.com/in/ann'
		);
		expect(sendHref({ kind: 'website', url: ' http://ann.example/?a=1&b=2#x ' }, DRAFT)).toBe(
			'http://ann.example/?a=1&b=2#x'
		);
	});

	it.each([
		['javascript:', 'javascript:alert(1)'],
		['data:', 'data:text/html,<script>alert(1)</script>'],
		['mailto: is not a website', 'mailto:ann@example.com'],
		['tel: is not a website', 'tel:+491512345678'],
		['no scheme', 'www.example.com'],
		['a space', 'https://example.com/a b'],
		['a quote', 'https://example.com/"onmouseover="x'],
		['too long', `https://example.com/${'a'.repeat(300)}`],
		['empty', '']
	])('gives "" for an unsafe url: %s', (_name, url) => {
		expect(sendHref({ kind: 'website', url }, DRAFT)).toBe('');
		expect(sendHref({ kind: 'linkedin', url }, DRAFT)).toBe('');
	});
});

describe('wayLabel', () => {
	it('names every way', () => {
		expect(wayLabel({ kind: 'email', address: 'a@b.c' })).toBe('Email');
		expect(wayLabel({ kind: 'sms', number: '123' })).toBe('Text message');
		expect(wayLabel({ kind: 'linkedin', url: 'https://linkedin.com/in/a' })).toBe('LinkedIn');
		expect(wayLabel({ kind: 'website', url: 'https://a.example' })).toBe('Website');
	});
});
