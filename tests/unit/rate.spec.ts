// The fixed windows of the server's rate limits (pocketbase/pb_hooks/lib/rate.js), with a fake of
// PocketBase's in-memory store (the same four calls: setFunc, remove, getAll, get) and a clock
// that the test moves: counting, window resets, taking a hit back, forgetting, pruning.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadHookLib } from '../support/hook-lib';

interface Limit {
	name: string;
	seconds: number;
	max: number;
}

interface Store {
	setFunc(key: string, fn: (old: unknown) => unknown): void;
	remove(key: string): void;
	getAll(): Record<string, unknown>;
	get(key: string): unknown;
}

interface RateLib {
	hit(subject: string, limits: Limit[], now: number): number;
	hitIn(store: Store, subject: string, limits: Limit[], now: number): number;
	undoIn(store: Store, subject: string, limits: Limit[], now: number): void;
	clearIn(store: Store, subject: string, limits: Limit[]): void;
	pruneIn(store: Store, limits: Limit[], now: number): number;
	isExcludedIp(ip: string, excluded: string[]): boolean;
	SIGNIN_LIMITS: Limit[];
	SIGNUP_REFUSAL_LIMITS: Limit[];
	SWAP_LIMITS: Limit[];
	ALL_LIMITS: Limit[];
}

/** PocketBase's store.Store as the hooks see it: a map with an atomic read-modify-write. */
function fakeStore(): Store {
	const map = new Map<string, unknown>();
	return {
		setFunc: (key, fn) => void map.set(key, fn(map.get(key))),
		remove: (key) => void map.delete(key),
		getAll: () => Object.fromEntries(map),
		get: (key) => map.get(key)
	};
}

const T0 = 1_764_806_417; // any second: a window starts at a subject's first hit

describe('fixed-window rate limits (server hooks)', () => {
	let store: Store;
	let rate: RateLib;

	beforeEach(() => {
		store = fakeStore();
		rate = loadHookLib<RateLib>('rate.js', { $app: { store: () => store } });
	});

	it('sign-in: the 11th attempt in 15 minutes waits for the window to end', () => {
		const { SIGNIN_LIMITS } = rate;
		expect(SIGNIN_LIMITS).toEqual([{ name: 'signin', seconds: 900, max: 10 }]);
		for (let i = 0; i < 10; i++)
			expect(rate.hitIn(store, 'ann@x.org', SIGNIN_LIMITS, T0 + i)).toBe(0);
		expect(rate.hitIn(store, 'ann@x.org', SIGNIN_LIMITS, T0 + 300)).toBe(600);
		expect(rate.hitIn(store, 'ann@x.org', SIGNIN_LIMITS, T0 + 899)).toBe(1);
		expect(rate.hitIn(store, 'bob@x.org', SIGNIN_LIMITS, T0 + 899)).toBe(0);
		// The next window starts afresh.
		expect(rate.hitIn(store, 'ann@x.org', SIGNIN_LIMITS, T0 + 900)).toBe(0);
	});

	it('clearIn forgets a subject (a successful sign-in), undoIn takes back one hit', () => {
		const limits = [{ name: 'test', seconds: 60, max: 2 }];
		rate.hitIn(store, 's', limits, T0);
		rate.hitIn(store, 's', limits, T0);
		rate.clearIn(store, 's', limits);
		expect(rate.hitIn(store, 's', limits, T0)).toBe(0);
		expect(rate.hitIn(store, 's', limits, T0)).toBe(0);
		rate.undoIn(store, 's', limits, T0 + 1);
		expect(rate.hitIn(store, 's', limits, T0 + 2)).toBe(0);
		expect(rate.hitIn(store, 's', limits, T0 + 3)).toBe(57);
	});

	it('undoIn never goes below zero and does not touch a window that has ended', () => {
		const limits = [{ name: 'test', seconds: 60, max: 1 }];
		rate.undoIn(store, 's', limits, T0);
		rate.undoIn(store, 's', limits, T0);
		expect(rate.hitIn(store, 's', limits, T0)).toBe(0);
		expect(rate.hitIn(store, 's', limits, T0)).toBeGreaterThan(0);
		rate.undoIn(store, 's', limits, T0 + 60); // the window has ended: nothing to take back
		expect(store.get('rate:test:s')).toBe(`${T0}:2`);
		expect(rate.hitIn(store, 's', limits, T0 + 61)).toBe(0);
		expect(store.get('rate:test:s')).toBe(`${T0 + 61}:1`);
	});

	it('several windows: the longest wait wins', () => {
		const limits = [
			{ name: 'burst', seconds: 60, max: 3 },
			{ name: 'hour', seconds: 3600, max: 5 }
		];
		for (let i = 0; i < 3; i++) expect(rate.hitIn(store, 'u', limits, T0)).toBe(0);
		expect(rate.hitIn(store, 'u', limits, T0 + 10)).toBe(50); // the minute's window
		expect(rate.hitIn(store, 'u', limits, T0 + 60)).toBe(0); // a new minute: 5 this hour
		expect(rate.hitIn(store, 'u', limits, T0 + 70)).toBe(3600 - 70); // the hour's window
	});

	it("one subject's window starts at its own first hit", () => {
		const limits = [{ name: 'test', seconds: 60, max: 1 }];
		rate.hitIn(store, 'early', limits, T0);
		rate.hitIn(store, 'late', limits, T0 + 59);
		expect(rate.hitIn(store, 'early', limits, T0 + 59)).toBe(1);
		expect(rate.hitIn(store, 'late', limits, T0 + 61)).toBe(58);
		expect(rate.hitIn(store, 'early', limits, T0 + 61)).toBe(0);
	});

	it('hit() counts in the app store, as swaps and join codes always did', () => {
		const limits = [{ name: 'join', seconds: 3600, max: 1 }];
		expect(rate.hit('u', limits, T0)).toBe(0);
		expect(rate.hit('u', limits, T0 + 100)).toBe(3500);
		expect(store.get('rate:join:u')).toBe(`${T0}:2`);
	});

	it('pruneIn removes only counters whose window has ended, and nothing else in the store', () => {
		const { SIGNIN_LIMITS, SIGNUP_REFUSAL_LIMITS, ALL_LIMITS } = rate;
		store.setFunc('__pbRateLimiters__', () => 'not ours');
		rate.hitIn(store, 'old@x.org', SIGNIN_LIMITS, T0);
		rate.hitIn(store, '198.51.100.7', SIGNUP_REFUSAL_LIMITS, T0);
		rate.hitIn(store, 'new@x.org', SIGNIN_LIMITS, T0 + 900);
		expect(rate.pruneIn(store, ALL_LIMITS, T0 + 901)).toBe(1);
		expect(Object.keys(store.getAll()).sort()).toEqual([
			'__pbRateLimiters__',
			'rate:signin:new@x.org',
			'rate:signup-refused:198.51.100.7'
		]);
		expect(rate.pruneIn(store, ALL_LIMITS, T0 + 3600)).toBe(2);
		expect(Object.keys(store.getAll())).toEqual(['__pbRateLimiters__']);
	});

	it('sign-up refusals: 100 an hour per IP', () => {
		expect(rate.SIGNUP_REFUSAL_LIMITS).toEqual([
			{ name: 'signup-refused', seconds: 3600, max: 100 }
		]);
	});

	it.each([
		['127.0.0.1', ['127.0.0.1'], true],
		['127.0.0.2', ['127.0.0.1'], false],
		['10.1.2.3', ['10.0.0.0/8'], true],
		['11.1.2.3', ['10.0.0.0/8'], false],
		['192.168.1.200', ['192.168.1.128/25'], true],
		['192.168.1.100', ['192.168.1.128/25'], false],
		['203.0.113.9', ['0.0.0.0/0'], true],
		['::1', ['::1'], true],
		['::1', ['10.0.0.0/8', 'junk/33'], false],
		['1.2.3.4', [], false]
	] as const)('excluded IPs: %s in %j → %s', (ip, list, isExcluded) => {
		expect(rate.isExcludedIp(ip, [...list])).toBe(isExcluded);
	});
});
