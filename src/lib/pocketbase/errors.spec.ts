import { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { errorFromThrown } from '$lib/offline/sync-errors';
import { codeProblem, CODE_PROBLEMS } from '$lib/domain/code-problems';
import { reasonFor, toAppError, type ErrorReason } from './errors';

/** What PocketBase answers: status, its `data` (field errors, a reason) and the reason we expect. */
const CASES: [string, number, Record<string, unknown>, ErrorReason][] = [
	['no answer (the network)', 0, {}, 'network'],
	['a request that took too long', 408, {}, 'network'],
	['a session the server refuses', 401, {}, 'unauthorized'],
	['a rule that says no', 403, {}, 'forbidden'],
	['a record that is not there', 404, {}, 'not_found'],
	['a conflict', 409, {}, 'conflict'],
	['too many requests', 429, {}, 'rate_limited'],
	['a limit named by the server', 400, { reason: 'rate_limited' }, 'rate_limited'],
	[
		'a value that must be unique',
		400,
		{ email: { code: 'validation_not_unique', message: 'Value must be unique.' } },
		'conflict'
	],
	[
		'a value that is refused',
		400,
		{ name: { code: 'validation_required', message: 'Cannot be blank.' } },
		'invalid'
	],
	['a refused code', 400, { reason: 'token_expired' }, 'invalid'],
	['a server that fails', 500, {}, 'server'],
	['a server that restarts', 503, { reason: 'restarting' }, 'server']
];

const thrown = (status: number, data: Record<string, unknown>) =>
	new ClientResponseError({
		url: 'http://127.0.0.1:8090/api/x',
		status,
		data: { status, message: 'Something.', data }
	});

describe('one error model for the screens and the sync engine', () => {
	it.each(CASES)('%s (%i) is %s on both sides', (_what, status, data, reason) => {
		const fieldCodes = Object.values(data).flatMap((v) =>
			v && typeof v === 'object' && 'code' in v ? [String(v.code)] : []
		);
		const code = typeof data.reason === 'string' ? data.reason : undefined;
		expect(reasonFor(status, code, fieldCodes)).toBe(reason);
		expect(toAppError(thrown(status, data)).reason).toBe(reason);
		expect(errorFromThrown(thrown(status, data)).reason).toBe(reason);
	});

	it("keeps the server's reason and the fields it refused", () => {
		const data = {
			reason: 'token_rotated',
			name: { code: 'validation_required', message: 'Cannot be blank.' }
		};
		expect(toAppError(thrown(400, data))).toMatchObject({
			code: 'token_rotated',
			fields: { name: 'Cannot be blank.' }
		});
		expect(errorFromThrown(thrown(400, data))).toMatchObject({
			code: 'token_rotated',
			fields: { name: 'validation_required' }
		});
	});

	it('a cancelled request is the network on both sides', () => {
		const aborted = new ClientResponseError({ isAbort: true });
		expect(toAppError(aborted).reason).toBe('network');
		expect(errorFromThrown(aborted).reason).toBe('network');
	});
});

describe('the sentences for a refused code', () => {
	it.each(Object.keys(CODE_PROBLEMS))('%s has one', (code) => {
		expect(codeProblem(code)).toMatch(/\.$/);
	});

	it('an unknown or missing reason has none (the screen says what the server said)', () => {
		for (const code of [undefined, '', 'toString', '__proto__', 'something_new']) {
			expect(codeProblem(code)).toBeNull();
		}
	});
});
