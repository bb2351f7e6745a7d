// Accounts and the card's own rules, as a person meets them through the server itself: sign-up,
// sign-in, the password policy, a session long enough for an offline week, and the link rule
// (the same table as the device's validator, so the two cannot drift apart).
import PocketBase, { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { LINK_CASES } from '../../src/lib/domain/card-link-cases';
import { anonymous, newUser, rid } from '../support/pb-harness';

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
