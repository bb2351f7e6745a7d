import { describe, expect, it } from 'vitest';
import {
	CARD_LIMITS,
	codePointLength,
	isSafeUrl,
	safeHref,
	type CardFields,
	type LinkKind
} from './card';
import { validateCard } from './card-validation';
import { LINK_CASES } from './card-link-cases';
import { normaliseLinkInput } from './link-input';

function makeCard(overrides: Partial<CardFields> = {}): CardFields {
	return {
		name: 'Ann Lee',
		headline: 'Runs the robotics meetup',
		company: 'Acme',
		canHelpWith: 'Intros to hardware people',
		lookingFor: 'A co-founder',
		links: [{ kind: 'website', url: 'https://ann.example.org' }],
		...overrides
	};
}

describe('link safety (the table shared with the server)', () => {
	it.each(LINK_CASES)('$rule → valid: $isValid', ({ url, isValid }) => {
		expect(isSafeUrl(url)).toBe(isValid);
	});
});

describe('safeHref (what a card view may link to)', () => {
	it.each(LINK_CASES)('$rule → a link only when valid ($isValid)', ({ url, isValid }) => {
		expect(safeHref(url)).toBe(isValid ? url : null);
	});

	it.each([undefined, null, 42, {}, ['https://x.org']])('%j is no link', (url) => {
		expect(safeHref(url)).toBeNull();
	});
});

describe('validateCard', () => {
	it('accepts a complete card', () => {
		expect(validateCard(makeCard())).toEqual({ ok: true });
	});

	it('requires a name that is not only spaces', () => {
		const result = validateCard(makeCard({ name: '   ' }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.name).toMatch(/name/i);
	});

	it.each([
		['name', CARD_LIMITS.name],
		['headline', CARD_LIMITS.headline],
		['company', CARD_LIMITS.company],
		['canHelpWith', CARD_LIMITS.canHelpWith],
		['lookingFor', CARD_LIMITS.lookingFor]
	] as const)('%s allows %i characters and refuses one more', (field, max) => {
		expect(validateCard(makeCard({ [field]: 'a'.repeat(max) })).ok).toBe(true);
		const result = validateCard(makeCard({ [field]: 'a'.repeat(max + 1) }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[field]).toContain(String(max));
	});

	it('counts an emoji as one character, as the server does', () => {
		expect(codePointLength('👩🏽‍💻')).toBe(4);
		expect(validateCard(makeCard({ name: '😀'.repeat(CARD_LIMITS.name) })).ok).toBe(true);
	});

	it('refuses more than ten links', () => {
		const links = Array.from({ length: 11 }, () => ({
			kind: 'website' as const,
			url: 'https://x.org'
		}));
		const result = validateCard(makeCard({ links }));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.links).toMatch(/10/);
	});

	it('reports a bad link by its index and keeps the others', () => {
		const result = validateCard(
			makeCard({
				links: [
					{ kind: 'website', url: 'https://ok.org' },
					{ kind: 'other', url: 'javascript:alert(1)' },
					{ kind: 'other', label: 'x'.repeat(41), url: 'https://ok.org' }
				]
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors.linkErrors ?? {})).toEqual(['1', '2']);
		expect(result.errors.linkErrors?.[2]).toMatch(/label/i);
	});
});

describe('normaliseLinkInput', () => {
	it.each([
		['linkedin', 'linkedin.com/in/ann', 'https://linkedin.com/in/ann'],
		['linkedin', 'ann-lee', 'https://www.linkedin.com/in/ann-lee'],
		['linkedin', 'in/ann', 'https://www.linkedin.com/in/ann'],
		['website', 'ann.example.org', 'https://ann.example.org'],
		['website', '  http://ann.example.org/x  ', 'http://ann.example.org/x'],
		['website', 'HTTPS://Ann.org', 'https://Ann.org'],
		['email', 'ann@x.org', 'mailto:ann@x.org'],
		['email', 'mailto:ann@x.org', 'mailto:ann@x.org'],
		['phone', '+49 30  1234', 'tel:+49 30 1234'],
		['phone', 'tel:030 1234', 'tel:030 1234'],
		['other', 'ann@x.org', 'mailto:ann@x.org'],
		['other', '+1 (555) 010-0000', 'tel:+1 (555) 010-0000'],
		['other', 'x.org/talk', 'https://x.org/talk'],
		['website', 'localhost:8090/me', 'https://localhost:8090/me']
	] as const)('%s "%s" → %s', (kind, raw, url) => {
		expect(normaliseLinkInput(kind, raw)).toEqual({ ok: true, url });
	});

	it.each([
		['other', 'javascript:alert(1)', 'unsafe_scheme'],
		['website', 'JAVASCRIPT:alert(1)', 'unsafe_scheme'],
		['website', 'data:text/html,hi', 'unsafe_scheme'],
		['website', 'file:///etc/passwd', 'unsafe_scheme'],
		['website', '   ', 'empty'],
		['website', 'x.org/a b', 'invalid'],
		['website', 'x.org/<script>', 'invalid'],
		['email', 'not an email', 'invalid'],
		['email', 'https://x.org', 'invalid'],
		['phone', 'call me', 'invalid'],
		['phone', '12', 'invalid']
	] as const)('%s "%s" is refused (%s)', (kind: LinkKind, raw, reason) => {
		const result = normaliseLinkInput(kind, raw);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toBe(reason);
	});

	it('never produces a URL the server would refuse', () => {
		const inputs = ['a', 'x.y', 'ann@x', '+1', 'in/', '<>', '"', 'mailto:a@b.c', '//x.org'];
		for (const kind of ['linkedin', 'website', 'email', 'phone', 'other'] as const) {
			for (const raw of inputs) {
				const result = normaliseLinkInput(kind, raw);
				if (result.ok) expect(isSafeUrl(result.url), `${kind} ${raw}`).toBe(true);
			}
		}
	});
});
