// Accounts and the card's own rules, as a person meets them through the server itself: sign-up,
// sign-in, the password policy (on sign-up and on a password change), a session long enough for
// an offline week, and the link and password rules (the same tables as the device's validators,
// so the two cannot drift apart).
import PocketBase, { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { LINK_CASES } from '../../src/lib/domain/card-link-cases';
import { PASSWORD_MESSAGES } from '../../src/lib/domain/password';
import { PASSWORD_CASES } from '../../src/lib/domain/password-cases';
import { anonymous, newUser, rid, superuser } from '../support/pb-harness';

const PASSWORD = 'correct-horse-battery';

/** The HTTP status and field codes of a rejected call. */
async function rejection(
	run: () => Promise<unknown>
): Promise<{ status: number; fields: string[] }> {
	try {
		await run();
	} catch (error) {
		if (error instanceof ClientResponseError) {
			return { status: error.status, fields: Object.keys(error.response?.data ?? {}) };
		}
		throw error;
	}
	return { status: 200, fields: [] };
}

/** The code and message of the `password` field error of a rejected call, or null. */
async function passwordError(
	run: () => Promise<unknown>
): Promise<{ code: string; message: string } | null> {
	try {
		await run();
	} catch (error) {
		if (error instanceof ClientResponseError && error.status === 400) {
			const data = error.response?.data as Record<string, { code: string; message: string }>;
			expect(Object.keys(data)).toEqual(['password']);
			return { code: data.password?.code ?? '', message: data.password?.message ?? '' };
		}
		throw error;
	}
	return null;
}

/** Seconds between a JWT's issue and expiry. */
function tokenLifetime(token: string): number {
	const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
		exp: number;
	};
	return payload.exp - Math.floor(Date.now() / 1000);
}

describe('accounts', () => {
	it('signs up and signs in with email and password', async () => {
		const pb = anonymous();
		const email = `ann-${rid()}@tend.test`;
		await pb.collection('users').create({ email, password: PASSWORD, passwordConfirm: PASSWORD });
		const auth = await pb.collection('users').authWithPassword(email, PASSWORD);
		expect(auth.record.email).toBe(email);
		expect(pb.authStore.isValid).toBe(true);
	});

	it('keeps a session for more than an offline week', async () => {
		const { pb } = await newUser('week');
		expect(tokenLifetime(pb.authStore.token)).toBeGreaterThan(7 * 24 * 3600);
	});

	it('refuses a password shorter than 10 characters', async () => {
		const pb = anonymous();
		const short = 'nine-char';
		const result = await rejection(() =>
			pb.collection('users').create({
				email: `weak-${rid()}@tend.test`,
				password: short,
				passwordConfirm: short
			})
		);
		expect(result).toEqual({ status: 400, fields: ['password'] });
	});

	it('refuses an email that already has an account', async () => {
		const { email } = await newUser('taken');
		const result = await rejection(() =>
			anonymous()
				.collection('users')
				.create({ email, password: PASSWORD, passwordConfirm: PASSWORD })
		);
		expect(result).toEqual({ status: 400, fields: ['email'] });
	});

	it('refuses a wrong password without saying whether the account exists', async () => {
		const { email } = await newUser('wrong');
		const wrong = await rejection(() =>
			new PocketBase(anonymous().baseURL)
				.collection('users')
				.authWithPassword(email, 'not it at all')
		);
		const unknown = await rejection(() =>
			anonymous().collection('users').authWithPassword(`nobody-${rid()}@tend.test`, PASSWORD)
		);
		expect(wrong.status).toBe(400);
		expect(unknown).toEqual(wrong);
	});
});

describe('card links on the server', () => {
	it.each(LINK_CASES)('$rule: $url → allowed $isValid', async ({ url, isValid }) => {
		const { pb } = await newUser('links');
		const result = await rejection(() =>
			pb.collection('cards').create({ name: 'Link Tester', links: [{ kind: 'other', url }] })
		);
		expect(result.status).toBe(isValid ? 200 : 400);
		if (!isValid) expect(result.fields).toEqual(['links']);
	});
});

describe('the password rule on the server (the table shared with the device)', () => {
	it.each(PASSWORD_CASES)('sign-up: $rule ($password) → $problem', async (row) => {
		const { password, email, problem } = row;
		const refused = await passwordError(() =>
			anonymous().collection('users').create({ email, password, passwordConfirm: password })
		);
		if (problem === null) {
			expect(refused).toBeNull();
			const admin = await superuser();
			await admin
				.collection('users')
				.delete((await admin.collection('users').getFirstListItem(`email = "${email}"`)).id);
		} else if (problem === 'short' || problem === 'long') {
			expect(refused?.code).toMatch(/^validation_(min|max)_text_constraint$/);
		} else {
			expect(refused).toEqual({
				code: `validation_password_${problem}`,
				message: PASSWORD_MESSAGES[problem]
			});
		}
	});

	it.each([
		['aaaaaaaaaa', 'repeated'],
		['12121212121', 'repeated'],
		['0987654321', 'sequence'],
		['asdfghjkl;', 'sequence'],
		['basketball', 'common']
	] as const)(
		'a password change to %s is refused (%s) and the old password still works',
		async (weak, problem) => {
			const { pb, id, email } = await newUser('change');
			const refused = await passwordError(() =>
				pb.collection('users').update(id, {
					oldPassword: PASSWORD,
					password: weak,
					passwordConfirm: weak
				})
			);
			expect(refused).toEqual({
				code: `validation_password_${problem}`,
				message: PASSWORD_MESSAGES[problem]
			});
			await anonymous().collection('users').authWithPassword(email, PASSWORD);
		}
	);

	it("a password change to the account's own email name is refused", async () => {
		const { pb, id, email } = await newUser('ann.lee');
		const mine = `${email.split('@')[0]}!2024`;
		const refused = await passwordError(() =>
			pb
				.collection('users')
				.update(id, { oldPassword: PASSWORD, password: mine, passwordConfirm: mine })
		);
		expect(refused?.code).toBe('validation_password_personal');
	});

	it('a password change to a strong phrase is accepted', async () => {
		const { pb, id, email } = await newUser('change');
		const strong = 'moss on the north side 7';
		await pb.collection('users').update(id, {
			oldPassword: PASSWORD,
			password: strong,
			passwordConfirm: strong
		});
		const auth = await anonymous().collection('users').authWithPassword(email, strong);
		expect(auth.record.id).toBe(id);
	});
});
