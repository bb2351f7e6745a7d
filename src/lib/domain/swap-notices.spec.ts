import { describe, expect, it } from 'vitest';
import {
	planSwapNotices,
	settleSwapNotices,
	type ConnectionLike,
	type NoticeMemory
} from './swap-notices';
import { todaysSwaps } from './todays-swaps';

/** A connection as the server made it for the person whose code was scanned. */
function fromServer(id: string, overrides: Partial<ConnectionLike> = {}): ConnectionLike {
	return {
		id,
		card: `card${id}`,
		snapshot: { name: `Name ${id}` },
		needsNote: true,
		revoked: false,
		archived: false,
		metAt: '2025-11-26T12:00:00.000Z',
		created: '2025-11-26 12:00:01.000Z',
		...overrides
	};
}

/** A connection made on this device by a scan, before the server accepted its swap. */
function madeHere(id: string): ConnectionLike {
	const { created, ...rest } = fromServer(id);
	void created;
	return rest;
}

const SEEDED: NoticeMemory = { isSeeded: true, seen: [] };
const idsOf = (plan: ReturnType<typeof planSwapNotices>) =>
	plan.toVerify.map((n) => n.connectionId);

describe('which connections say "‹name› saved your card"', () => {
	it.each([
		{ rule: 'a new open swap from the server is a candidate', c: fromServer('a'), is: true },
		{ rule: 'one made on this device is not', c: madeHere('a'), is: false },
		{
			rule: 'a finished one (note written) is not',
			c: fromServer('a', { needsNote: false }),
			is: false
		},
		{
			rule: 'a contact without a card (share-back, typed) is not',
			c: fromServer('a', { card: '' }),
			is: false
		},
		{ rule: 'a revoked one is not', c: fromServer('a', { revoked: true }), is: false },
		{ rule: 'an archived one is not', c: fromServer('a', { archived: true }), is: false }
	])('$rule', ({ c, is }) => {
		expect(idsOf(planSwapNotices([c], SEEDED))).toEqual(is ? [c.id] : []);
	});

	it('the first look on a device is history: everything then is seen, nothing is shown', () => {
		const plan = planSwapNotices([fromServer('a'), fromServer('b', { needsNote: false })], null);
		expect(plan.toVerify).toEqual([]);
		expect(plan.memory).toEqual({ isSeeded: true, seen: ['a'] });
		expect(idsOf(planSwapNotices([fromServer('a'), fromServer('c')], plan.memory))).toEqual(['c']);
	});

	it('a contact made here stays silent once its swap is accepted and the server copy arrives', () => {
		const first = planSwapNotices([madeHere('a')], SEEDED);
		expect(first.memory.seen).toEqual(['a']);
		expect(idsOf(planSwapNotices([fromServer('a')], first.memory))).toEqual([]);
	});

	it('names the person from the snapshot, oldest swap first', () => {
		const plan = planSwapNotices(
			[
				fromServer('late', { created: '2025-11-26 12:05:00.000Z' }),
				fromServer('early', { created: '2025-11-26 12:01:00.000Z', snapshot: {} })
			],
			SEEDED
		);
		expect(plan.toVerify).toEqual([
			{ connectionId: 'early', name: 'Someone' },
			{ connectionId: 'late', name: 'Name late' }
		]);
	});

	it('a candidate I scanned myself (another device) is not shown, and neither is asked twice', () => {
		const plan = planSwapNotices([fromServer('mine'), fromServer('theirs')], SEEDED);
		const settled = settleSwapNotices(plan, new Set(['mine']));
		expect(settled.notices).toEqual([{ connectionId: 'theirs', name: 'Name theirs' }]);
		const again = planSwapNotices([fromServer('mine'), fromServer('theirs')], settled.memory);
		expect(again.toVerify).toEqual([]);
	});

	it('forgets ids that can no longer be candidates (note written, gone from the device)', () => {
		const memory: NoticeMemory = { isSeeded: true, seen: ['done', 'gone', 'open'] };
		const plan = planSwapNotices(
			[fromServer('done', { needsNote: false }), fromServer('open')],
			memory
		);
		expect(plan.memory.seen).toEqual(['open']);
		expect(plan.toVerify).toEqual([]);
	});
});

describe("today's swaps", () => {
	// Local times: the rule follows the device's calendar day, whatever its time zone.
	const now = new Date(2025, 10, 26, 15, 0);
	const at = (day: number, hour: number) => new Date(2025, 10, day, hour, 30).toISOString();

	it('lists swaps of my local day in both directions, newest first, with their note status', () => {
		const list = todaysSwaps(
			[
				fromServer('morning', { metAt: at(26, 0), needsNote: false }),
				{ ...madeHere('noon'), metAt: at(26, 12) },
				fromServer('yesterday', { metAt: at(25, 23) }),
				fromServer('tomorrow', { metAt: at(27, 0) }),
				fromServer('typed', { card: '', metAt: at(26, 9) }),
				fromServer('archived', { archived: true, metAt: at(26, 10) })
			],
			now
		);
		expect(list.map((s) => [s.connectionId, s.hasNote])).toEqual([
			['noon', false],
			['morning', true]
		]);
	});

	it("reads PocketBase's datetime format too", () => {
		const metAt = at(26, 8).replace('T', ' ');
		expect(todaysSwaps([fromServer('a', { metAt })], now).map((s) => s.name)).toEqual(['Name a']);
	});
});
