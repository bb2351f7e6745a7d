import { describe, expect, it } from 'vitest';
import { newRecordId } from './record-id';
import { describeSync, INITIAL_STATUS, type SyncStatus } from './sync-status';
import { aConnection, setup } from './testing/factories';

const status = (patch: Partial<SyncStatus>): SyncStatus => ({
	...INITIAL_STATUS,
	lastSyncedAt: '2026-12-01T09:00:00.000Z',
	...patch
});

describe('the header’s sync words', () => {
	const cases: [string, Partial<SyncStatus>, string][] = [
		['one change is singular', { pendingChanges: 1 }, '1 change waiting'],
		['several changes are plural', { pendingChanges: 4 }, '4 changes waiting'],
		['one new contact', { pendingContacts: 1 }, '1 new contact not synced yet'],
		['new contacts count people', { pendingContacts: 3 }, '3 new contacts not synced yet'],
		['both', { pendingContacts: 2, pendingChanges: 1 }, '2 new contacts, 1 change waiting'],
		[
			'offline with new contacts',
			{ isOnline: false, pendingContacts: 3 },
			'Offline · 3 new contacts not synced yet'
		],
		['offline with nothing waiting', { isOnline: false }, 'Offline'],
		['nothing waiting', {}, 'Synced'],
		['never synced', { lastSyncedAt: null }, 'Not synced yet'],
		['syncing', { isSyncing: true, pendingContacts: 1 }, 'Syncing…'],
		['sign-in first', { needsSignIn: true, pendingChanges: 2 }, 'Sign in again to sync']
	];
	it.each(cases)('%s', (_name, patch, words) => {
		expect(describeSync(status(patch))).toBe(words);
	});

	it('a refused change is counted in changes, singular or plural', () => {
		const entry = {
			seq: 1,
			opId: 'op',
			collection: 'cards',
			action: 'update',
			recordId: 'r',
			recordKey: 'cards/r',
			body: {},
			createdAt: '',
			attempts: 1,
			status: 'failed'
		} as const;
		expect(describeSync(status({ failedItems: [entry] }))).toBe('1 change not accepted');
		expect(describeSync(status({ failedItems: [entry, { ...entry, seq: 2 }] }))).toBe(
			'2 changes not accepted'
		);
	});
});

describe('counting what waits in the outbox', () => {
	it('three swaps with their notes are three new contacts; an edit elsewhere is a change', async () => {
		const { engine } = await setup();
		for (let i = 0; i < 3; i++) {
			const connection = aConnection({ snapshot: { name: `Person ${i}` } });
			await engine.write({
				action: 'swap',
				swap: {
					id: newRecordId(),
					connectionId: connection.id,
					token: 't',
					scannedAt: new Date().toISOString()
				},
				connection
			});
			await engine.write({
				action: 'update',
				collection: 'connections',
				record: { ...connection, memoryNote: 'talked about looms' },
				body: { memoryNote: 'talked about looms' }
			});
		}
		expect(engine.status.current).toMatchObject({
			pendingCount: 6,
			pendingContacts: 3,
			pendingChanges: 0
		});
		expect(describeSync({ ...engine.status.current, isOnline: false })).toBe(
			'Offline · 3 new contacts not synced yet'
		);

		await engine.write({ action: 'create', collection: 'connections', record: aConnection() });
		expect(describeSync(engine.status.current)).toBe('3 new contacts, 1 change waiting');
	});
});
