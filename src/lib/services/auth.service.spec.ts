import { describe, expect, it } from 'vitest';
import { PASSWORD_MESSAGES } from '$lib/domain/password';
import { checkPasswordLength, credentialProblems, loadPasswordCheck } from './auth.service';

const EMAIL = 'ann.lee@example.org';

describe('credentials checked on the device before they are sent', () => {
	it('sign-up refuses what the server would, with the same message, once the rule has loaded', async () => {
		const check = await loadPasswordCheck();
		const problems = (password: string) =>
			credentialProblems({ email: EMAIL, password }, true, check).password;
		expect(problems('Basketball2024')).toBe(PASSWORD_MESSAGES.common);
		expect(problems('aaaaaaaaaa')).toBe(PASSWORD_MESSAGES.repeated);
		expect(problems('0987654321')).toBe(PASSWORD_MESSAGES.sequence);
		expect(problems('Ann.Lee1990')).toBe(PASSWORD_MESSAGES.personal);
		expect(problems('nine-char')).toBe('Use at least 10 characters.');
		expect(problems('moss on the north side 7')).toBeUndefined();
	});

	it('before the rule has loaded, sign-up checks the length only (the server checks the rest)', () => {
		expect(credentialProblems({ email: EMAIL, password: 'short' }, true)).toEqual({
			password: 'Use at least 10 characters.'
		});
		expect(checkPasswordLength('aaaaaaaaaa', EMAIL)).toBe('');
	});

	it('sign-in never judges an existing password by the rule for new ones', async () => {
		const check = await loadPasswordCheck();
		expect(credentialProblems({ email: EMAIL, password: 'aaaaaaaaaa' }, false, check)).toEqual({});
		expect(credentialProblems({ email: EMAIL, password: '' }, false, check)).toEqual({
			password: 'Enter your password.'
		});
	});
});
