import { describe, expect, it } from 'vitest';
import {
	cardReturnFragment,
	joinReturnFragment,
	NEXT_MAX,
	nextFromFragment,
	signInFragment
} from './sign-in-return';

const ORIGIN = 'https://tend.example';
const CARD = '/c#1~abcdefghijklmno.1.abc123.AAAAAAAAAAAAAAAAAAAAAA~Ada%20L~Maker~Acme';

describe('cardReturnFragment', () => {
	it('returns the fragment of a card page on this origin', () => {
		expect(cardReturnFragment(CARD, ORIGIN)).toBe(CARD.slice('/c'.length));
	});

	it.each([
		['no value', null],
		['an empty value', ''],
		['another origin', 'https://evil.example/c#1~x'],
		['this origin spelled out (only paths are taken)', `${ORIGIN}/c#1~x`],
		['a protocol-relative address', '//evil.example/c#1~x'],
		['a backslash address', '/\\evil.example/c#1~x'],
		['a backslash inside the fragment', '/c#1~x\\y'],
		['a javascript: address', 'javascript:alert(1)//c#1~x'],
		['another path', '/me'],
		['another path with a fragment', '/people#1~x'],
		['a path that only starts like the card page', '/cards#1~x'],
		['the card page with a query', '/c?x=1#1~x'],
		['the card page without a code', '/c'],
		['the card page with an empty fragment', '/c#'],
		['a tab that a parser would drop', '/c#1~x\t//evil'],
		['a line break', '/c#1~x\n'],
		['an overlong value', `/c#${'a'.repeat(NEXT_MAX)}`]
	])('refuses %s', (_rule, next) => {
		expect(cardReturnFragment(next, ORIGIN)).toBeNull();
	});
});

describe('the sign-in address', () => {
	it('carries the card path in its fragment and reads it back unchanged', () => {
		const address = `/signin${signInFragment(CARD)}`;
		expect(address.startsWith('/signin#next=')).toBe(true);
		expect(address).not.toContain('?');
		const next = nextFromFragment(new URL(address, ORIGIN).hash);
		expect(next).toBe(CARD);
		expect(cardReturnFragment(next, ORIGIN)).toBe(CARD.slice('/c'.length));
	});

	it('reads no next from a fragment without one', () => {
		expect(nextFromFragment('')).toBeNull();
		expect(nextFromFragment('#other=1')).toBeNull();
	});
});

describe('joinReturnFragment', () => {
	const origin = 'https://tend.example.org';
	it('returns the code of a join link on this origin', () => {
		expect(joinReturnFragment('/join#K7QW3MPX', origin)).toBe('#K7QW3MPX');
		expect(joinReturnFragment('/join#k7qw-3mpx', origin)).toBe('#k7qw-3mpx');
	});
	it('refuses anything else: other paths and origins, queries, odd codes', () => {
		for (const next of [
			null,
			'',
			'/join#',
			'/join',
			'/joinx#K7QW3MPX',
			'/join?x=1#K7QW3MPX',
			'//evil.example/join#K7QW3MPX',
			'/\\evil.example/join#K7QW3MPX',
			'/join#K7QW 3MPX',
			'/join#<script>',
			`/join#${'A'.repeat(25)}`,
			'/c#1~x'
		]) {
			expect(joinReturnFragment(next, origin), String(next)).toBeNull();
		}
	});
});
