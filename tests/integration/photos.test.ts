// Card photos: an upload is stored under the extension of the type its bytes are, and a photo is
// served only to whoever may see it (owner; live holder whose level includes it; a valid public
// code whose event card includes it), with its real type and nosniff. Everyone else, including
// PocketBase's own /api/files route without a file token, gets the same 404.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { dirArgs, ensurePocketBase, MIGRATIONS_DIR } from '../../scripts/lib/pocketbase.js';
import {
	call,
	newPerson,
	newUser,
	pbUrl,
	reasonOf,
	startPocketBase,
	stopPocketBase,
	superuser,
	swap,
	tokenOf,
	type Person
} from '../support/pb-harness';
import { nowSeconds, signToken } from '../support/tokens';

/** A real PNG of `size`×`size` pixels. */
function png(size = 8): Buffer {
	const image = new PNG({ width: size, height: size });
	image.data.fill(180);
	return PNG.sync.write(image);
}

/** Bytes that start like a JPEG (what PocketBase's type check and ours look at). */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
/** Bytes that start like a WebP: "RIFF", a size, "WEBP". */
const WEBP = Buffer.concat([
	Buffer.from('RIFF'),
	Buffer.from([60, 0, 0, 0]),
	Buffer.from('WEBPVP8 '),
	Buffer.alloc(52, 7)
]);

/** A multipart body carrying one photo file, as the device's FormData does. */
function photoForm(bytes: Buffer, name: string, fields: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) form.set(key, value);
	form.set('photo', new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
	return form;
}

/** Uploads a photo to the person's card; returns the stored file name. */
async function uploadPhoto(who: Person, bytes: Buffer = png(), name = 'me.png'): Promise<string> {
	const card = await who.pb.collection('cards').update(who.cardId, photoForm(bytes, name));
	return card.photo as string;
}

/** GET on the server with the person's auth header (or none). */
async function get(who: Person | null, path: string): Promise<Response> {
	return fetch(`${pbUrl()}${path}`, {
		headers: who ? { authorization: who.pb.authStore.token } : {}
	});
}

/** The public photo route, anonymous. */
async function publicPhoto(body: unknown): Promise<Response> {
	return fetch(`${pbUrl()}/api/tend/public/photo`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

const photoPath = (cardId: string, file: string) => `/api/tend/photos/${cardId}/${file}`;

/** `holder` swaps with `owner` (at the event level); returns the holder's connection id. */
async function holds(holder: Person, owner: Person): Promise<string> {
	const reply = await swap(holder, owner);
	expect(reply.status).toBe(200);
	return (reply.body as { connection: { id: string } }).connection.id;
}

/** The owner changes a holder's level or revokes them. */
async function setHolder(owner: Person, connection: string, change: object): Promise<void> {
	expect((await call(owner, 'POST', `/api/tend/holders/${connection}`, change)).status).toBe(200);
}

/** The width of a PNG response. */
async function widthOf(res: Response): Promise<number> {
	return PNG.sync.read(Buffer.from(await res.arrayBuffer())).width;
}

describe('stored photo names', () => {
	it.each([
		['PNG bytes named poly.html', png(), 'poly.html', /^poly_[a-z0-9]{10}\.png$/],
		['JPEG bytes named photo.png', JPEG, 'photo.png', /^photo_[a-z0-9]{10}\.jpg$/],
		['WebP bytes named x.gif', WEBP, 'x.gif', /^x[a-z0-9]*_[a-z0-9]{10}\.webp$/]
	])('%s are stored under the detected extension', async (_n, bytes, name, stored) => {
		const alice = await newPerson('alice');
		expect(await uploadPhoto(alice, bytes, name)).toMatch(stored);
	});

	it('a photo sent with a new card is renamed too', async () => {
		const alice = await newUser('alice');
		const card = await alice.pb
			.collection('cards')
			.create(photoForm(png(), 'poly.html', { name: 'Alice' }));
		expect(card.photo).toMatch(/^poly_[a-z0-9]{10}\.png$/);
	});

	it('PocketBase’s own download of poly.html serves a .png, inline, as image/png', async () => {
		const alice = await newPerson('alice');
		const file = await uploadPhoto(alice, png(), 'poly.html');
		const token = await alice.pb.files.getToken();
		const collection = (await superuser()).collections.getOne('cards');
		const res = await fetch(
			`${pbUrl()}/api/files/${(await collection).id}/${alice.cardId}/${file}?token=${token}&download=1`
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('content-disposition')).toMatch(/filename=poly_[a-z0-9]{10}\.png$/);
	});

	it.each([
		['an HTML page named me.png', Buffer.from('<!doctype html><script>alert(1)</script>')],
		['a GIF', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(40, 1)])]
	])('%s is refused with a message on the photo field', async (_n, bytes) => {
		const alice = await newPerson('alice');
		const reply = await fetch(`${pbUrl()}/api/collections/cards/records/${alice.cardId}`, {
			method: 'PATCH',
			headers: { authorization: alice.pb.authStore.token },
			body: photoForm(bytes, 'me.png')
		});
		expect(reply.status).toBe(400);
		const body = (await reply.json()) as { data: { photo?: { message: string } } };
		expect(body.data.photo?.message).toBe('Choose a JPEG, PNG or WebP picture.');
		expect((await alice.pb.collection('cards').getOne(alice.cardId)).photo).toBe('');
	});
});

describe('who gets a photo', () => {
	// alice's event card has no photo; bob holds her full card, carol her event card, dave held
	// the full card until she revoked him, erin is a stranger. frank's event card has the photo.
	let alice: Person, bob: Person, carol: Person, dave: Person, erin: Person;
	let frank: Person, gina: Person;
	let aliceFile: string, frankFile: string;

	beforeAll(async () => {
		[alice, bob, carol, dave, erin, frank, gina] = await Promise.all([
			newPerson('alice', { eventFields: ['headline'] }),
			newPerson('bob'),
			newPerson('carol'),
			newPerson('dave'),
			newPerson('erin'),
			newPerson('frank'),
			newPerson('gina')
		]);
		aliceFile = await uploadPhoto(alice, png(), 'poly.html');
		frankFile = await uploadPhoto(frank, png(), 'frank.png');
		await setHolder(alice, await holds(bob, alice), { level: 'full' });
		await holds(carol, alice);
		const daves = await holds(dave, alice);
		await setHolder(alice, daves, { level: 'full' });
		await setHolder(alice, daves, { revoked: true });
		await holds(gina, frank);
	});

	const actors = () => ({ alice, bob, carol, dave, erin, anonymous: null });
	it.each([
		['alice', 200, 'the owner sees her photo'],
		['bob', 200, 'a holder of the full card sees it'],
		['carol', 404, 'a holder whose event card has no photo does not'],
		['dave', 404, 'a revoked holder does not'],
		['erin', 404, 'a stranger does not'],
		['anonymous', 404, 'nobody signed out does']
	] as const)('%s → %i: %s', async (actor, status, _rule) => {
		const res = await get(actors()[actor], photoPath(alice.cardId, aliceFile));
		expect(res.status).toBe(status);
		if (status === 200) expect(res.headers.get('content-type')).toBe('image/png');
		if (status === 404) {
			expect(((await res.json()) as { data: { reason: string } }).data.reason).toBe('not_found');
		}
	});

	it('a holder whose event card has the photo sees it, until the owner takes it out', async () => {
		expect((await get(gina, photoPath(frank.cardId, frankFile))).status).toBe(200);
		await frank.pb.collection('cards').update(frank.cardId, { eventFields: ['headline'] });
		expect((await get(gina, photoPath(frank.cardId, frankFile))).status).toBe(404);
		await frank.pb.collection('cards').update(frank.cardId, { eventFields: null });
		expect((await get(gina, photoPath(frank.cardId, frankFile))).status).toBe(200);
	});

	it('is served with its real type, nosniff, inline and a private cache', async () => {
		const res = await get(bob, photoPath(alice.cardId, aliceFile));
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-disposition')).toBe('inline; filename="photo.png"');
		expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
		expect(Buffer.from(await res.arrayBuffer()).equals(png())).toBe(true);
	});

	it('serves the two declared thumb sizes and refuses any other', async () => {
		const big = await newPerson('big');
		const file = await uploadPhoto(big, png(600));
		for (const [thumb, width] of [
			['128x128', 128],
			['400x400', 400]
		] as const) {
			const res = await get(big, `${photoPath(big.cardId, file)}?thumb=${thumb}`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			expect(await widthOf(res)).toBe(width);
		}
		expect(await widthOf(await get(big, photoPath(big.cardId, file)))).toBe(600);
		const odd = await get(big, `${photoPath(big.cardId, file)}?thumb=100x100`);
		expect(odd.status).toBe(400);
	});

	it('a holder’s snapshot points at the photo route', async () => {
		const mine = (await bob.pb.collection('connections').getFullList()).find(
			(c) => c.card === alice.cardId
		);
		expect(mine?.snapshot).toMatchObject({ photoUrl: photoPath(alice.cardId, aliceFile) });
	});

	it('PocketBase’s /api/files route needs a file token of someone who may see the photo', async () => {
		const cards = await (await superuser()).collections.getOne('cards');
		const direct = (token?: string) =>
			fetch(
				`${pbUrl()}/api/files/${cards.id}/${alice.cardId}/${aliceFile}` +
					(token ? `?token=${token}` : '')
			);
		expect((await direct()).status).toBe(404);
		expect((await direct(await alice.pb.files.getToken())).status).toBe(200);
		// Holders never read the card record (its view rule is the owner's), so not its files
		// either: they fetch the photo through /api/tend/photos, which checks their level.
		expect((await direct(await bob.pb.files.getToken())).status).toBe(404);
		expect((await direct(await carol.pb.files.getToken())).status).toBe(404);
		expect((await direct(await dave.pb.files.getToken())).status).toBe(404);
	});
});

describe('a changed photo', () => {
	it('the old file name stops working, the new one works and holders get the new path', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const connection = await holds(bob, alice);
		const first = await uploadPhoto(alice, png(8), 'one.png');
		const second = await uploadPhoto(alice, png(16), 'two.png');
		expect(second).not.toBe(first);
		expect((await get(alice, photoPath(alice.cardId, first))).status).toBe(404);
		expect((await get(bob, photoPath(alice.cardId, first))).status).toBe(404);
		expect((await get(bob, photoPath(alice.cardId, second))).status).toBe(200);
		const mine = await bob.pb.collection('connections').getOne(connection);
		expect(mine.snapshot).toMatchObject({ photoUrl: photoPath(alice.cardId, second) });
	});
});

describe('the public photo', () => {
	it('a valid code gets the photo when the event card has it', async () => {
		const frank = await newPerson('frank');
		await uploadPhoto(frank, png(600), 'poly.html');
		const res = await publicPhoto({ token: await tokenOf(frank) });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const thumb = await publicPhoto({ token: await tokenOf(frank), thumb: '128x128' });
		expect(await widthOf(thumb)).toBe(128);
		const card = await call(null, 'POST', '/api/tend/public/card', { token: await tokenOf(frank) });
		expect((card.body.card as { photoUrl: string }).photoUrl).toMatch(
			new RegExp(`^/api/tend/photos/${frank.cardId}/poly_[a-z0-9]{10}\\.png$`)
		);
	});

	it.each([
		[
			'an expired code',
			async (p: Person) => signToken(p.cardId, 1, nowSeconds() - 10),
			{ eventFields: null }
		],
		[
			'a rotated code',
			async (p: Person) => {
				const old = await tokenOf(p);
				await call(p, 'POST', '/api/tend/token/rotate');
				return old;
			},
			{ eventFields: null }
		],
		['a code whose event card has no photo', tokenOf, { eventFields: ['headline'] }],
		['a malformed code', async () => 'not-a-token', { eventFields: null }]
	])('%s gets 404 not_found', async (_n, tokenFor, fields) => {
		const frank = await newPerson('frank', fields as { eventFields?: string[] });
		await uploadPhoto(frank);
		const res = await publicPhoto({ token: await tokenFor(frank) });
		expect(res.status).toBe(404);
		expect(((await res.json()) as { data: { reason: string } }).data.reason).toBe('not_found');
	});

	it.each([
		['another key', { owner: 'x' }],
		['an undeclared thumb', { thumb: '10x10' }],
		['a thumb that is not text', { thumb: 128 }]
	])('a body with %s is refused as invalid', async (_n, extra) => {
		const frank = await newPerson('frank');
		await uploadPhoto(frank);
		const res = await publicPhoto({ token: await tokenOf(frank), ...extra });
		expect(res.status).toBe(400);
		expect(reasonOf({ status: 400, body: (await res.json()) as never })).toBe('invalid');
	});
});

describe('the photo migration', () => {
	/** Reverts this migration (and any later one) on the stopped test server's data folder. */
	function revertPhotoMigration(): void {
		const count = readdirSync(MIGRATIONS_DIR).filter((f) => f >= '1764720000_').length;
		const out = spawnSync(
			ensurePocketBase({ quiet: true }),
			['migrate', 'down', String(count), ...dirArgs(inject('pbDataDir'))],
			{ encoding: 'utf8', input: 'y\n' }
		);
		if (out.status !== 0 || !out.stdout.includes('Reverted 1764720000_')) {
			throw new Error(`migrate down: ${out.stdout}${out.stderr}`);
		}
	}

	// `serve` applies pending migrations, so the reverted state is only seen through its traces:
	// the snapshot starts and ends at the new path, and `updated` moves only when a row is rewritten
	// (down to /api/files/…, then up again), so both directions must have run.
	it('moves snapshot photo paths down and up again, and protects the file field', async () => {
		const alice = await newPerson('alice');
		const bob = await newPerson('bob');
		const file = await uploadPhoto(alice);
		const connection = await holds(bob, alice);
		const read = () => bob.pb.collection('connections').getOne(connection);
		const before = await read();
		expect(before.snapshot).toMatchObject({ photoUrl: photoPath(alice.cardId, file) });

		await stopPocketBase();
		try {
			revertPhotoMigration();
		} finally {
			await startPocketBase();
		}
		const after = await read();
		expect(after.snapshot).toEqual(before.snapshot);
		expect(after.updated > before.updated).toBe(true);
		const cards = await (await superuser()).collections.getOne('cards');
		expect(cards.fields.find((f) => f.name === 'photo')?.protected).toBe(true);
	});
});
