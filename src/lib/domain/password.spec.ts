import { describe, expect, it } from 'vitest';
import DICEWARE from '@zxcvbn-ts/language-common/src/diceware.json';
import COMMON from '../../../pocketbase/pb_hooks/lib/common-passwords.json';
import { prng } from '$lib/testing/prng';
import { PASSWORD_MESSAGES, passwordProblem } from './password';
import { PASSWORD_CASES } from './password-cases';

const common = new Set(COMMON);

describe('the password rule on the device (the table shared with the server)', () => {
	it.each(PASSWORD_CASES)('$rule: $password → $problem', ({ password, email, problem }) => {
		expect(passwordProblem(password, email, common)).toBe(problem);
	});

	it('explains every refusal kindly, with something to do instead', () => {
		for (const problem of ['repeated', 'sequence', 'personal', 'common'] as const) {
			expect(PASSWORD_MESSAGES[problem]).toMatch(/pick a longer phrase only you would think of\.$/);
		}
		expect(PASSWORD_MESSAGES.common).toBe(
			'This password is on lists attackers try first; pick a longer phrase only you would think of.'
		);
	});

	it('skips only the list check when the list is not loaded', () => {
		expect(passwordProblem('basketball', 'ann@example.org')).toBeNull();
		expect(passwordProblem('qwertyuiop', 'ann@example.org')).toBe('sequence');
	});

	it('accepts random passwords of 12 characters (seeded: no false alarms)', () => {
		const random = prng(20251203);
		const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%+-_';
		const refused: string[] = [];
		for (let n = 0; n < 2000; n++) {
			let password = '';
			for (let i = 0; i < 12; i++) password += alphabet[Math.floor(random() * alphabet.length)];
			if (passwordProblem(password, 'ann.lee@example.org', common)) refused.push(password);
		}
		expect(refused).toEqual([]);
	});

	it('accepts passphrases of two or three diceware words (seeded: no false alarms)', () => {
		const random = prng(7776);
		const word = () => DICEWARE[Math.floor(random() * DICEWARE.length)]!;
		const refused: string[] = [];
		for (let n = 0; n < 2000; n++) {
			const words = Array.from({ length: 2 + (n % 2) }, word);
			const password = words.join(['-', ' ', '.', ''][n % 4]);
			const problem = passwordProblem(password, 'ann.lee@example.org', common);
			if (problem && problem !== 'short') refused.push(`${password}: ${problem}`);
		}
		expect(refused).toEqual([]);
	});

	it('the committed list holds lowercased, distinct passwords of 10 to 71 characters', () => {
		expect(COMMON.length).toBeGreaterThan(1000);
		expect(common.size).toBe(COMMON.length);
		for (const entry of COMMON) {
			expect(entry).toBe(entry.toLowerCase());
			expect([...entry].length).toBeGreaterThanOrEqual(10);
			expect([...entry].length).toBeLessThanOrEqual(71);
		}
	});
});
