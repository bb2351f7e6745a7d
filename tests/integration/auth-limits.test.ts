// Sign-in and sign-up limits, through the real server. Password sign-in is limited per account
// whatever the IPs, and says nothing about whether the account exists; the per-IP sign-in rule is
// loose enough for a venue's NAT; refused sign-ups are capped per IP per hour.
// PocketBase trusts X-Forwarded-For only when the settings name it (trustedProxy.headers; empty by
// default), so the tests that need many IPs turn that on for a while and forge addresses.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	newUser,
	pbUrl,
	rid,
	setLoopbackRateLimited,
	superuser,
	type Person
} from '../support/pb-harness';

const PASSWORD = 'correct-horse-battery'; // the harness's password for the people it makes

interface Answer {
	status: number;
	body: { message?: string; data?: Record<string, unknown> };
	retryAfter: string | null;
}

/** POSTs JSON to a route of `users` (or another collection), from `ip` when given. */
async function post(
	path: string,
	body: unknown,
	ip?: string,
	collection = 'users'
): Promise<Answer> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (ip) headers['x-forwarded-for'] = ip; // counts only while trustedProxy names the header
	const res = await fetch(`${pbUrl()}/api/collections/${collection}/${path}`, {
		method: 'POST',
		headers,
		body: JSON.stringify(body)
	});
	return {
		status: res.status,
		body: (await res.json()) as Answer['body'],
		retryAfter: res.headers.get('retry-after')
	};
}

/** An answer without its wait (two lock-outs a moment apart differ by a second or so). */
function comparable({ status, body }: Answer): unknown {
	const { retryAfter, ...data } = body.data ?? {};
	return { status, message: body.message, data, hasWait: typeof retryAfter === 'number' };
}

const signIn = (identity: string, password: string, ip?: string) =>
	post('auth-with-password', { identity, password }, ip);

/** Settings the tests change, as they were before. */
let saved: { trustedProxy: unknown; rateLimits: unknown } | null = null;

/** Changes settings for one test; afterEach puts them back. */
async function changeSettings(patch: Record<string, unknown>): Promise<void> {
	const admin = await superuser();
	if (!saved) {
		const all = (await admin.settings.getAll()) as { trustedProxy: unknown; rateLimits: unknown };
		saved = { trustedProxy: all.trustedProxy, rateLimits: all.rateLimits };
	}
	await admin.settings.update(patch);
}

/** Trust X-Forwarded-For, so each forged address is a client IP of its own. */
const trustForwardedFor = () =>
	changeSettings({ trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false } });

afterEach(async () => {
	if (saved) {
		await (await superuser()).settings.update(saved);
		saved = null;
	}
});

describe('password sign-in, per account', () => {
	let ann: Person;
	let bob: Person;

	beforeAll(async () => {
		ann = await newUser('ann');
		bob = await newUser('bob');
	});

	it('10 wrong passwords from 10 IPs lock that account, even for the right password', async () => {
		await trustForwardedFor();
		for (let i = 1; i <= 10; i++) {
			expect((await signIn(ann.email, 'not the password', `203.0.113.${i}`)).status).toBe(400);
		}
		const locked = await signIn(ann.email, PASSWORD, '203.0.113.99');
		expect(locked.status).toBe(429);
		expect(locked.body.data?.reason).toBe('rate_limited');
		const retryAfter = locked.body.data?.retryAfter;
		expect(retryAfter).toEqual(expect.any(Number));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(900);
		expect(locked.retryAfter).toBe(String(retryAfter));
		expect(locked.body.message).toMatch(
			/^Too many sign-in attempts for this account: try again in \d+ minutes?\.$/
		);
		// Case does not make it another account.
		expect((await signIn(ann.email.toUpperCase(), PASSWORD, '203.0.113.98')).status).toBe(429);
		// Another account, from the same IPs, signs in as usual.
		expect((await signIn(bob.email, PASSWORD, '203.0.113.1')).status).toBe(200);
	});

	it('counts an email without an account exactly like one with (the limit tells nothing)', async () => {
		const real = (await newUser('real')).email;
		const unknown = `nobody-${rid()}@tend.test`;
		for (let i = 0; i < 11; i++) {
			const [a, b] = [await signIn(real, 'not the password'), await signIn(unknown, PASSWORD)];
			expect(a.status).toBe(i < 10 ? 400 : 429);
			expect(comparable(b)).toEqual(comparable(a));
		}
	});

	it('a successful sign-in starts the count afresh', async () => {
		const { email } = await newUser('forgetful');
		for (let i = 0; i < 9; i++) await signIn(email, 'not the password');
		expect((await signIn(email, PASSWORD)).status).toBe(200);
		for (let i = 0; i < 10; i++) {
			expect((await signIn(email, 'not the password')).status).toBe(400);
		}
		expect((await signIn(email, PASSWORD)).status).toBe(429);
	});
});

describe('superuser sign-in, per account', () => {
	it('10 wrong passwords lock that superuser too', async () => {
		const email = `admin-${rid()}@tend.test`;
		const password = 'another-superuser-password';
		await (
			await superuser()
		)
			.collection('_superusers')
			.create({ email, password, passwordConfirm: password });
		const signInAs = (secret: string) =>
			post('auth-with-password', { identity: email, password: secret }, undefined, '_superusers');
		for (let i = 0; i < 10; i++) expect((await signInAs('not the password')).status).toBe(400);
		expect((await signInAs(password)).status).toBe(429);
	});
});

describe('the per-IP sign-in rule', () => {
	afterEach(async () => {
		await setLoopbackRateLimited(false);
	});

	it('lets 70 sign-ins a minute through one IP (a venue NAT), more than the old 60', async () => {
		const people = await Promise.all(Array.from({ length: 7 }, () => newUser('venue')));
		await setLoopbackRateLimited(true);
		const statuses: number[] = [];
		for (let round = 0; round < 10; round++) {
			const round = await Promise.all(people.map((person) => signIn(person.email, PASSWORD)));
			statuses.push(...round.map((answer) => answer.status));
		}
		expect(statuses.filter((s) => s !== 200)).toEqual([]);
	});
});

describe('refused sign-ups, per IP per hour', () => {
	it('past 100 refusals an IP waits, whatever it sends; successes do not count', async () => {
		await trustForwardedFor();
		// Room for 200 sign-ups a minute, so that only the hourly cap is under test here.
		const admin = await superuser();
		const { rateLimits } = (await admin.settings.getAll()) as {
			rateLimits: { rules: { label: string; maxRequests: number }[] };
		};
		await changeSettings({
			rateLimits: {
				rules: rateLimits.rules.map((r) =>
					r.label === 'users:create' ? { ...r, maxRequests: 200 } : r
				)
			}
		});
		const ip = '198.51.100.7';
		const taken = (await newUser('taken')).email;
		const signUp = (email: string) =>
			post('records', { email, password: PASSWORD, passwordConfirm: PASSWORD }, ip);

		// 99 refusals that cost the server no password hashing, then 3 accounts made.
		for (let i = 0; i < 99; i++) {
			expect((await post('records', { email: 'not-an-email' }, ip)).status).toBe(400);
		}
		for (let i = 0; i < 3; i++) expect((await signUp(`new-${rid()}@tend.test`)).status).toBe(200);
		// The 100th refusal: what an enumerator learns from ("email taken").
		const probe = await signUp(taken);
		expect(probe.status).toBe(400);
		expect(probe.body.data).toHaveProperty('email');

		const capped = await signUp(`new-${rid()}@tend.test`);
		expect(capped.status).toBe(429);
		expect(capped.body.data?.reason).toBe('rate_limited');
		expect(capped.body.data?.retryAfter).toEqual(expect.any(Number));
		expect(capped.retryAfter).toBe(String(capped.body.data?.retryAfter));
		expect(capped.body.message).toMatch(/^Too many sign-ups from this network were refused/);
		expect((await signUp(taken)).body.data).not.toHaveProperty('email'); // nothing to learn

		expect(
			(
				await post(
					'records',
					{ email: `new-${rid()}@tend.test`, password: PASSWORD, passwordConfirm: PASSWORD },
					'198.51.100.8'
				)
			).status
		).toBe(200);
	});
});
