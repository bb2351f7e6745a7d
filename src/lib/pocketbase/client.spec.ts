import { describe, expect, it } from 'vitest';
import { pb, reconnectIntervals, type ReconnectWaits } from './client';

describe('realtime reconnects', () => {
	it('spread each wait between a quarter and 1¾ of its step, longer with each attempt', () => {
		expect(reconnectIntervals(() => 0)).toEqual([250, 500, 1000, 2000, 3750]);
		expect(reconnectIntervals(() => 0.999999)).toEqual([1750, 3500, 7000, 14000, 26250]);
	});

	it('differ between devices (drawn from the random source)', () => {
		let seed = 1;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const devices = Array.from({ length: 200 }, () => reconnectIntervals(random)[0] as number);
		const spread = Math.max(...devices) - Math.min(...devices);
		expect(spread).toBeGreaterThan(1200);
		expect(new Set(devices).size).toBeGreaterThan(150);
	});

	it('are the SDK client’s own', () => {
		const waits = (pb.realtime as unknown as ReconnectWaits).predefinedReconnectIntervals;
		expect(waits).toHaveLength(5);
		for (const [i, step] of [1000, 2000, 4000, 8000, 15000].entries()) {
			expect(waits[i]).toBeGreaterThanOrEqual(step / 4);
			expect(waits[i]).toBeLessThanOrEqual(step * 1.75);
		}
	});
});
