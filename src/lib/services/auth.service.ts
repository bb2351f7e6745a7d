// Accounts: sign up, sign in, sign out and the session refresh on start. The session is only
// cleared when the server says it is invalid (401/403), never because the network is down.
import { passwordLengthMessage } from '$lib/domain/password-length';
import { attempt, type AppError, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { UsersResponse } from '$lib/pocketbase/pocketbase-types';

export { PASSWORD_MIN, PASSWORD_MAX } from '$lib/domain/password-length';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface Credentials {
	email: string;
	password: string;
}

/** Checks a new password for an email: the rule's message, or '' when it is fine. */
export type PasswordCheck = (password: string, email: string) => string;

/** Until the whole rule has loaded (or when it cannot): the length only; the server checks all. */
export const checkPasswordLength: PasswordCheck = (password) => passwordLengthMessage(password);

/**
 * The password rule (domain/password.ts) and the common-password list (the server's own file),
 * loaded on demand: a chunk of about 11 KB gzipped that only the sign-up form needs.
 */
export async function loadPasswordCheck(): Promise<PasswordCheck> {
	try {
		const [rule, list] = await Promise.all([
			import('$lib/domain/password'),
			import('../../../pocketbase/pb_hooks/lib/common-passwords.json')
		]);
		const common = new Set(list.default);
		return (password, email) => {
			const problem = rule.passwordProblem(password, email.trim(), common);
			return problem ? rule.PASSWORD_MESSAGES[problem] : '';
		};
	} catch {
		return checkPasswordLength;
	}
}

/**
 * Checks credentials before they are sent; returns per-field messages (empty when fine). A new
 * password must pass `checkNew` (the rule from loadPasswordCheck(), or the length alone).
 */
export function credentialProblems(
	{ email, password }: Credentials,
	isSignUp: boolean,
	checkNew: PasswordCheck = checkPasswordLength
): Record<string, string> {
	const problems: Record<string, string> = {};
	if (!EMAIL.test(email.trim())) problems.email = 'Enter an email address like name@example.com.';
	if (!password) problems.password = 'Enter your password.';
	else if (isSignUp) {
		const problem = checkNew(password, email);
		if (problem) problems.password = problem;
	}
	return problems;
}

function invalid(fields: Record<string, string>): AppError {
	return { reason: 'invalid', message: 'Some details need fixing.', fields };
}

/** Signs in with email and password. */
export async function signIn(credentials: Credentials): Promise<Result<UsersResponse>> {
	const problems = credentialProblems(credentials, false);
	if (Object.keys(problems).length) return { ok: false, error: invalid(problems) };
	const result = await attempt(() =>
		pb.collection('users').authWithPassword(credentials.email.trim(), credentials.password)
	);
	if (result.ok) return { ok: true, value: result.value.record };
	if (result.error.reason === 'invalid') {
		return {
			ok: false,
			error: { ...result.error, message: 'Wrong email or password.', fields: {} }
		};
	}
	return result;
}

/** Creates an account and signs in to it. */
export async function signUp(credentials: Credentials): Promise<Result<UsersResponse>> {
	const problems = credentialProblems(credentials, true, await loadPasswordCheck());
	if (Object.keys(problems).length) return { ok: false, error: invalid(problems) };
	const email = credentials.email.trim();
	const created = await attempt(() =>
		pb.collection('users').create({
			email,
			password: credentials.password,
			passwordConfirm: credentials.password
		})
	);
	if (!created.ok) {
		const { fields } = created.error;
		if (fields.email) {
			return {
				ok: false,
				error: invalid({
					email: /not_unique|already|unique/i.test(fields.email)
						? 'An account with this email already exists. Sign in instead.'
						: fields.email
				})
			};
		}
		// The server says why (the password rule's own message, or its length limits).
		if (fields.password) return { ok: false, error: invalid({ password: fields.password }) };
		return created;
	}
	return signIn({ email, password: credentials.password });
}

/** Signs out on this device. */
export function signOut(): void {
	pb.authStore.clear();
}

/** Deletes my account on the server: my card, contacts, notes and everything else I own. */
export async function deleteAccount(userId: string): Promise<Result<true>> {
	const result = await attempt(() => pb.collection('users').delete(userId));
	return result.ok ? { ok: true, value: true } : result;
}
