// A graceful stop under load (pocketbase/shutdown.go): PocketBase is restarted while swaps and
// outbox batches keep arriving. Every answer is one the device retries (503 with Retry-After,
// 429, or no answer at all) or an acknowledgement, never a refusal (before: batches in flight got
// 400 "Batch transaction failed.", which the device treats as a permanent refusal). Every
// acknowledged swap and batch is there after the restart, and every batch is all or nothing.
import { describe, expect, it } from 'vitest';
import {
	newPerson,
	pbUrl,
	restartPocketBase,
	rid,
	swapBody,
	tokenOf,
	type Person
} from '../support/pb-harness';

interface Sent {
	kind: 'swap' | 'batch';
	who: Person;
	ids: string[];
	status: number;
	retryAfter: string | null;
	reason: string | undefined;
}

async function send(who: Person, path: string, body: unknown) {
	try {
		const res = await fetch(`${pbUrl()}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: who.pb.authStore.token },
			body: JSON.stringify(body)
		});
		const text = await res.text();
		const json = ([200, 503].includes(res.status) && text ? JSON.parse(text) : {}) as {
			connection?: { id?: string };
			data?: { reason?: string };
		};
		return {
			status: res.status,
			retryAfter: res.headers.get('retry-after'),
			reason: json.data?.reason,
			connection: json.connection?.id
		};
	} catch {
		// refused or cut: the server is down
		return { status: 0, retryAfter: null, reason: undefined, connection: undefined };
	}
}

describe('a graceful stop', () => {
	it('answers what runs and what arrives as acknowledged or "try again", never refused', async () => {
		const people = await Promise.all(Array.from({ length: 6 }, (_, i) => newPerson(`stop${i}`)));
		const tokens = await Promise.all(people.map((p) => tokenOf(p)));
		const sent: Sent[] = [];
		let isRunning = true;

		const worker = async (w: number) => {
			for (let n = 0; isRunning; n++) {
				const who = people[(w + n) % people.length] as Person;
				if (n % 2 === 0) {
					const owner = (w + n + 1) % people.length;
					const body = swapBody(tokens[owner] as string);
					// a second swap of the same two people answers with the connection they already have
					const { connection, ...reply } = await send(who, '/api/tend/swaps', body);
					sent.push({ kind: 'swap', who, ids: [connection ?? ''], ...reply });
				} else {
					const ids = Array.from({ length: 20 }, () => rid());
					const requests = ids.map((id) => ({
						method: 'POST',
						url: '/api/collections/interactions/records',
						body: { id, kind: 'note', text: `batch ${w}.${n}`, at: new Date().toISOString() }
					}));
					const { connection: _, ...reply } = await send(who, '/api/batch', { requests });
					sent.push({ kind: 'batch', who, ids, ...reply });
				}
			}
		};
		const workers = Array.from({ length: 6 }, (_, w) => worker(w));
		await new Promise((r) => setTimeout(r, 500));
		await restartPocketBase();
		await new Promise((r) => setTimeout(r, 500));
		isRunning = false;
		await Promise.all(workers);

		const statuses = [...new Set(sent.map((s) => s.status))].sort();
		for (const status of statuses) expect([0, 200, 429, 503]).toContain(status);
		for (const s of sent.filter((s) => s.status === 503)) {
			expect([s.retryAfter, s.reason]).toEqual(['3', 'restarting']);
		}
		expect(sent.filter((s) => s.status === 200).length).toBeGreaterThan(10);

		// after the restart: every acknowledged change is there, and batches are all or nothing
		for (const s of sent) {
			if (s.kind === 'swap') {
				if (s.status !== 200) continue;
				const connection = await s.who.pb.collection('connections').getOne(s.ids[0] as string);
				expect(connection.id).toBe(s.ids[0]);
			} else {
				const found = await s.who.pb.collection('interactions').getFullList({
					filter: s.ids.map((id) => `id = "${id}"`).join(' || ')
				});
				if (s.status === 200) expect(found).toHaveLength(20);
				else expect([0, 20]).toContain(found.length);
			}
		}
	}, 120_000);
});
