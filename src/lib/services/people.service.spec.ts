import { describe, expect, it } from 'vitest';
import { markFailed } from '$lib/offline/outbox';
import { newRecordId } from '$lib/offline/record-id';
import type { OutboxEntry, SyncError } from '$lib/offline/schema';
import { freshDb } from '$lib/offline/testing/factories';
import { deviceSession } from './testing/session';
import { listPendingSwaps, verificationOf } from './people.service';
import { newConnection } from './swap.service';

const ID = 'conn00000000001';

/** An outbox entry as the store keeps it; a swap protecting connection ID unless told otherwise. */
function entry(fields: Partial<OutboxEntry> = {}): OutboxEntry {
	return {
		seq: 1,
		opId: 'op',
		collection: 'swaps',
		action: 'swap',
		recordId: 'swap00000000001',
		recordKey: `connections/${ID}`,
		body: {},
		createdAt: '2025-11-26T12:00:00.000Z',
		attempts: 0,
		status: 'pending',
		...fields
	};
}

const refusal = (code?: string): SyncError => ({
	reason: 'invalid',
	message: 'The server says no.',
	...(code ? { code } : {})
});

describe('verificationOf', () => {
	it('says "Not verified yet" while the swap waits in the outbox', () => {
		expect(verificationOf(ID, [entry()], [])).toEqual({
			state: 'waiting',
			label: 'Not verified yet'
		});
	});

	it.each([
		['token_forged', 'Refused: forged code'],
		['token_expired', 'Refused: expired code'],
		['token_rotated', 'Refused: replaced code'],
		['token_malformed', 'Refused: damaged code'],
		['card_missing', 'Refused: card deleted'],
		['self_swap', 'Refused: your own code'],
		['no_card', 'Refused: make your card first'],
		['something_new', 'Refused by the server'],
		[undefined, 'Refused by the server']
	])('names a refusal %s in plain words: %s', (code, label) => {
		const failed = entry({ status: 'failed', error: refusal(code) });
		expect(verificationOf(ID, [], [failed])).toEqual({ state: 'refused', label });
	});

	it('prefers the refusal when both lists mention the contact', () => {
		const failed = entry({ seq: 2, status: 'failed', error: refusal('token_forged') });
		expect(verificationOf(ID, [entry()], [failed])?.state).toBe('refused');
	});

	it('says nothing once the swap is accepted, or for entries of other contacts and kinds', () => {
		expect(verificationOf(ID, [], [])).toBeNull();
		const other = `connections/${'x'.repeat(15)}`;
		expect(
			verificationOf(
				ID,
				[
					entry({ recordKey: other }),
					entry({ action: 'update', collection: 'connections', recordId: ID })
				],
				[entry({ recordKey: other, status: 'failed', error: refusal('token_forged') })]
			)
		).toBeNull();
	});
});

describe('listPendingSwaps', () => {
	it('returns the swaps still waiting, not refused ones nor other changes', async () => {
		const db = await freshDb();
		const session = deviceSession(db);
		const scan = async () => {
			const connection = newConnection(session.userId, { card: 'cardcardcard001' });
			const swap = {
				id: newRecordId(),
				connectionId: connection.id,
				token: 't',
				scannedAt: '2025-11-26T12:00:00.000Z'
			};
			return session.write({ action: 'swap', swap, connection });
		};
		const waiting = await scan();
		const refused = await scan();
		await markFailed(db, refused.seq, refusal('token_forged'));
		await session.write({
			action: 'create',
			collection: 'connections',
			record: newConnection(session.userId, {})
		});

		const pending = await listPendingSwaps(session);
		expect(pending.map((e) => e.recordKey)).toEqual([waiting.recordKey]);
		const waitingId = waiting.recordKey.slice('connections/'.length);
		expect(verificationOf(waitingId, pending, [])?.label).toBe('Not verified yet');
	});
});
