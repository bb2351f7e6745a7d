// An acknowledged write is on disk (pocketbase/durability.go): the shared test server's data
// database commits with synchronous=FULL in WAL mode, with a page cache of 2 MB per connection (not
// PocketBase's 32 MB: the soak's memory rose with the database), as SQLite itself reports on
// PocketBase's connections; TEND_DB_SYNCHRONOUS=normal brings PocketBase's default back (for the bench's side
// by side), and a wrong value stops the server with a message instead of running it some other way.
// Only superusers may ask.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	dirArgs,
	ensurePocketBase,
	startThrowawayPocketBase
} from '../../scripts/lib/pocketbase.js';
import { call, newPerson, pbUrl, superuser } from '../support/pb-harness';

const ROUTE = '/api/tend/ops/durability';

async function durabilityAt(url: string, token: string) {
	const res = await fetch(`${url}${ROUTE}`, { headers: { authorization: token } });
	expect(res.status).toBe(200);
	return (await res.json()) as { synchronous: string; journalMode: string; pageCacheKiB: number };
}

describe('durability', () => {
	it('the data database commits with synchronous=FULL in WAL mode, with a 2 MB page cache', async () => {
		const su = await superuser();
		expect(await durabilityAt(pbUrl(), su.authStore.token)).toEqual({
			synchronous: 'full',
			journalMode: 'wal',
			pageCacheKiB: 2000
		});
	});

	it('only a superuser may ask', async () => {
		expect((await call(null, 'GET', ROUTE)).status).toBe(401);
		const person = await newPerson('curious');
		expect((await call(person, 'GET', ROUTE)).status).toBe(403);
	});

	it('TEND_DB_SYNCHRONOUS=normal is PocketBase default, for comparing', async () => {
		const server = await startThrowawayPocketBase({ env: { TEND_DB_SYNCHRONOUS: 'normal' } });
		try {
			const res = await fetch(`${server.url}/api/collections/_superusers/auth-with-password`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					identity: server.superuser.email,
					password: server.superuser.password
				})
			});
			const { token } = (await res.json()) as { token: string };
			expect((await durabilityAt(server.url, token)).synchronous).toBe('normal');
		} finally {
			await server.dispose();
		}
	});

	it('a wrong TEND_DB_SYNCHRONOUS stops the server with a message', () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'tend-durability-'));
		try {
			const run = spawnSync(
				ensurePocketBase({ quiet: true }),
				['serve', '--http=127.0.0.1:1', ...dirArgs(dataDir)],
				{
					encoding: 'utf8',
					env: { ...process.env, TEND_DB_SYNCHRONOUS: 'off' },
					timeout: 20_000
				}
			);
			expect(run.status).not.toBe(0);
			expect(run.stderr + run.stdout).toContain('TEND_DB_SYNCHRONOUS must be "full"');
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('backups', () => {
	it('are scheduled daily at 03:00 and the last 7 are kept, by default', async () => {
		const su = await superuser();
		const settings = (await su.settings.getAll()) as {
			backups: { cron: string; cronMaxKeep: number };
		};
		expect(settings.backups.cron).toBe('0 3 * * *');
		expect(settings.backups.cronMaxKeep).toBe(7);
	});

	it('a backup holds the data and the swap secret (why it must be kept private)', async () => {
		const su = await superuser();
		const name = `test_${Date.now()}.zip`;
		await su.backups.create(name);
		try {
			const list = await su.backups.getFullList();
			expect(list.map((b) => b.key)).toContain(name);
			const token = await su.files.getToken();
			const res = await fetch(su.backups.getDownloadURL(token, name));
			expect(res.status).toBe(200);
			const zip = Buffer.from(await res.arrayBuffer());
			// the zip's central directory names its files
			expect(zip.includes(Buffer.from('data.db'))).toBe(true);
			expect(zip.includes(Buffer.from('tend_swap_secret.key'))).toBe(true);
		} finally {
			await su.backups.delete(name);
		}
	});
});
