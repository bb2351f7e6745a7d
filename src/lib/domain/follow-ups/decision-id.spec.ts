import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import { decisionId } from './decision-id';

const ID = /^[a-z0-9]{15}$/;

describe('decisionId', () => {
	it('is the same for the same owner and prompt, every call', () => {
		const owner = 'a1b2c3d4e5f6g7h';
		expect(decisionId(owner, 'thank_you:conn00000000001')).toBe(
			decisionId(owner, 'thank_you:conn00000000001')
		);
		// Fixed values: a change of the hash would split decisions already on devices and servers.
		expect(decisionId(owner, 'thank_you:conn00000000001')).toBe('0kjdcvo0i3boms8');
		expect(decisionId('000000000000000', '')).toBe('021j7re0jcuxcaq');
	});

	it('is a record id for any input, even empty, long or unusual', () => {
		for (const promptId of ['', 'x', 'é😀\u0000', 'p'.repeat(200), ' ', '\n\t']) {
			expect(decisionId('zzzzzzzzzzzzzzz', promptId)).toMatch(ID);
			expect(decisionId('', promptId)).toMatch(ID);
		}
	});

	it('differs for different owners or prompts: 100,000 samples, no collision', () => {
		const random = prng(20260501);
		const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
		const owners = Array.from({ length: 100 }, () =>
			Array.from({ length: 15 }, () => alphabet[Math.floor(random() * 36)]).join('')
		);
		const ids = new Set<string>();
		const malformed: string[] = [];
		let count = 0;
		for (const owner of owners) {
			for (let i = 0; i < 1000; i++) {
				// Prompt ids as the engine makes them: kind, a person, an anchor; neighbours differ by a character.
				const id = decisionId(owner, `check_in:conn${String(i).padStart(11, '0')}:2026-05`);
				if (!ID.test(id)) malformed.push(id);
				ids.add(id);
				count++;
			}
		}
		expect(malformed).toEqual([]);
		expect(count).toBe(100_000);
		expect(ids.size).toBe(count);
	});

	it('tells the owner from the prompt (the same text split differently is another decision)', () => {
		expect(decisionId('a'.repeat(15), 'bc')).not.toBe(decisionId('a'.repeat(14) + 'b', 'c'));
		expect(decisionId('u1', 'p')).not.toBe(decisionId('u2', 'p'));
	});
});
