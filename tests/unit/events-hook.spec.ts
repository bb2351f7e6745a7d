// The server's join-code normalisation (pocketbase/pb_hooks/lib/events.js): what a person may type
// for a code, and what is no code at all (refused before any lookup, so it costs no guess).
import { describe, expect, it } from 'vitest';
import { loadHookLib } from '../support/hook-lib';

interface EventsLib {
	normaliseCode(raw: unknown): string;
}

const { normaliseCode } = loadHookLib<EventsLib>('events.js');

describe('normaliseCode', () => {
	it.each([
		['ABCDEFGH', 'ABCDEFGH'],
		['abcdefgh', 'ABCDEFGH'],
		['  abcd efgh \n', 'ABCDEFGH'],
		['ABCD-EFGH', 'ABCDEFGH'],
		['ab-cd - ef gh', 'ABCDEFGH'],
		['ABCD–EFGH', 'ABCDEFGH'], // an en dash, as phones "correct" a typed hyphen
		['ABC123', 'ABC123'] // 6 to 12 characters, as the field stores them
	])('reads %j as %s', (typed, code) => {
		expect(normaliseCode(typed)).toBe(code);
	});

	it.each([
		['empty', ''],
		['too short', 'ABCDE'],
		['too long', 'ABCDEFGHJKMNP'],
		['punctuation', 'ABCD.EFGH'],
		['letters beyond A–Z', 'ÄBCDEFGH'],
		['a link', 'https://tend.example/join#ABCDEFGH'],
		['very long', `${'-'.repeat(70)}ABCDEFGH`],
		['not text', 12345678],
		['missing', undefined]
	])('refuses %s', (_name, typed) => {
		expect(normaliseCode(typed)).toBe('');
	});
});
