import { describe, expect, it } from 'vitest';
import { errorFromResponse, isTransient } from './sync-errors';

describe('sync errors', () => {
	it.each([
		['stopping', 'restarting', 'Tend is restarting. Try again in a moment.'],
		[
			'with every request slot taken',
			'busy',
			'Tend is busy. Your change is kept and will be sent again in a moment.'
		]
	])('a server %s (503 %s) is tried again later, not refused', (_state, reason, message) => {
		const error = errorFromResponse(503, { status: 503, message, data: { reason } });
		expect(error.reason).toBe('server');
		expect(error.code).toBe(reason);
		expect(isTransient(error)).toBe(true);
	});

	it.each([
		[429, 'rate_limited'],
		[500, 'server'],
		[502, 'server'],
		[0, 'network']
	])('%i is transient (%s)', (status, reason) => {
		const error = errorFromResponse(status, {});
		expect(error.reason).toBe(reason);
		expect(isTransient(error)).toBe(true);
	});

	it('a refused change stays refused: 400 is not retried by itself', () => {
		const error = errorFromResponse(400, { message: 'Batch transaction failed.' });
		expect(error.reason).toBe('invalid');
		expect(isTransient(error)).toBe(false);
	});
});
