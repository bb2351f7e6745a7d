// The server's password rule (pocketbase/pb_hooks/lib/password.js) against the table the device
// runs too, and the committed common-password list against the dictionary it is generated from.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_FILE, renderCommonPasswords } from '../../scripts/common-passwords.js';
import { PASSWORD_MESSAGES, type PasswordProblem } from '../../src/lib/domain/password';
import { PASSWORD_CASES } from '../../src/lib/domain/password-cases';
import { loadHookLib } from '../support/hook-lib';

interface PasswordLib {
	passwordProblem(password: string, email: string): { code: string; message: string } | null;
}

const { passwordProblem } = loadHookLib<PasswordLib>('password.js');

/** What the server says of a case: its problem, or null (length is the field's own rule). */
function serverProblem(password: string, email: string): PasswordProblem | null {
	const found = passwordProblem(password, email);
	if (!found) return null;
	const problem = found.code.replace('validation_password_', '') as PasswordProblem;
	expect(found.message).toBe(PASSWORD_MESSAGES[problem]);
	return problem;
}

describe('the password rule in the server hook (the table shared with the device)', () => {
	it.each(PASSWORD_CASES)('$rule: $password → $problem', ({ password, email, problem }) => {
		const expected = problem === 'short' || problem === 'long' ? null : problem;
		expect(serverProblem(password, email)).toBe(expected);
	});
});

describe('the common-password list', () => {
	it('is what the installed dictionary gives (run `npm run passwords` when this fails)', () => {
		expect(readFileSync(COMMON_PASSWORDS_FILE, 'utf8')).toBe(renderCommonPasswords());
	});
});
