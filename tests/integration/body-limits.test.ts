// Bad input is bounded (pocketbase/limits.go): each route takes a body of what the device really
// sends, a larger one is refused 413 before it is read, and the connection that carried it closes,
// so the rest of that body is never read as the next request (before: the next request on a
// kept-alive connection got a plain-text 400). Raw sockets: fetch would hide the connection.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { call, newPerson, pbUrl, rid, superuser } from '../support/pb-harness';

interface RawReply {
	/** Every HTTP status line the server sent on the socket, in order. */
	statuses: number[];
	/** Everything the server sent. */
	text: string;
	/** Whether the server closed the connection. */
	closed: boolean;
}

/** Opens a socket to the test server, writes `chunks`, and collects what comes back. */
function rawExchange(chunks: (string | Buffer)[], waitMs = 3000): Promise<RawReply> {
	const { hostname, port } = new URL(pbUrl());
	return new Promise((done, fail) => {
		const socket: Socket = connect(Number(port), hostname);
		let text = '';
		let closed = false;
		const finish = () => {
			clearTimeout(timer);
			const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
			socket.destroy();
			done({ statuses, text, closed });
		};
		const timer = setTimeout(finish, waitMs);
		socket.on('data', (data) => (text += data.toString('latin1')));
		socket.on('end', () => {
			closed = true;
			finish();
		});
		socket.on('error', (error: NodeJS.ErrnoException) => {
			// the server closing while we still write is what a refused upload looks like
			if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
				closed = true;
				finish();
			} else fail(error);
		});
		socket.on('connect', () => {
			for (const chunk of chunks) socket.write(chunk);
		});
	});
}

const HOST = () => new URL(pbUrl()).host;

function post(path: string, body: string, extra = ''): string {
	return (
		`POST ${path} HTTP/1.1\r\nHost: ${HOST()}\r\nContent-Type: application/json\r\n` +
		`Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`
	);
}

const HEALTH = () => `GET /api/health HTTP/1.1\r\nHost: ${HOST()}\r\n\r\n`;

describe('body limits', () => {
	it('a declared oversized swap is refused 413 unread, and its connection closes', async () => {
		const head =
			`POST /api/tend/swaps HTTP/1.1\r\nHost: ${HOST()}\r\nContent-Type: application/json\r\n` +
			`Content-Length: ${100 * 1024 * 1024}\r\n\r\n`;
		const reply = await rawExchange([head, Buffer.alloc(64 * 1024, 0x20)]);
		expect(reply.statuses).toEqual([413]);
		expect(reply.text.toLowerCase()).toContain('connection: close');
		expect(reply.closed).toBe(true);
	});

	it('the rest of an oversized body is never read as the next request', async () => {
		// A 1 MB batch for /api/tend/swaps (limit 16 KB), then a good request pipelined after it
		// on the same connection: one 413, then the connection ends; never a 400 for the body's bytes.
		const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
		const reply = await rawExchange([post('/api/tend/swaps', big) + HEALTH()]);
		expect(reply.statuses).toEqual([413]);
		expect(reply.closed).toBe(true);
		// and the server answers the next connection as usual
		const next = await rawExchange([HEALTH().replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')]);
		expect(next.statuses).toEqual([200]);
	});

	it('a chunked body that grows past the limit is refused at the limit and its connection closes', async () => {
		const head =
			`POST /api/tend/swaps HTTP/1.1\r\nHost: ${HOST()}\r\nContent-Type: application/json\r\n` +
			`Transfer-Encoding: chunked\r\n\r\n`;
		const piece = 'x'.repeat(8 * 1024);
		const chunk = `${piece.length.toString(16)}\r\n${piece}\r\n`;
		const open = '{"pad":"';
		const reply = await rawExchange([
			head,
			`${open.length.toString(16)}\r\n${open}\r\n`,
			...Array.from({ length: 40 }, () => chunk)
		]);
		// The server answers 413 while the client is still sending, then ends its side (FIN) and
		// waits before the close resets the connection: the client reads the 413, and nothing after.
		expect(reply.statuses).toEqual([413]);
		expect(reply.closed).toBe(true);
	});

	it('a chunked body within the limit is read whole and answered as usual', async () => {
		const body = '{"token":"not a token"}';
		const reply = await rawExchange([
			`POST /api/tend/public/share-back HTTP/1.1\r\nHost: ${HOST()}\r\n` +
				'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
				`${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`
		]);
		expect(reply.statuses).toEqual([400]);
		expect(reply.text).toContain('"message"');
	});

	it('every route that takes a body has a limit far below what would hurt', async () => {
		const huge = 50 * 1024 * 1024;
		for (const path of [
			'/api/tend/swaps',
			'/api/tend/public/share-back',
			'/api/tend/events/join',
			'/api/batch',
			'/api/realtime',
			'/api/collections/users/auth-with-password',
			'/api/collections/users/records',
			'/api/collections/cards/records',
			'/api/collections/connections/records'
		]) {
			const head =
				`POST ${path} HTTP/1.1\r\nHost: ${HOST()}\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${huge}\r\n\r\n`;
			const reply = await rawExchange([head]);
			expect(reply.statuses, path).toEqual([413]);
			expect(reply.closed, path).toBe(true);
		}
	});

	it('what the device really sends fits: a swap, and a batch of 100 long records', async () => {
		const ann = await newPerson('ann-limits');
		const text = '😀'.repeat(2000); // the interaction text's maximum, 4 bytes a character
		const connection = rid();
		const batch = ann.pb.createBatch();
		batch.collection('connections').create({ id: connection, name: 'Kept contact' });
		for (let i = 0; i < 99; i++) {
			batch.collection('interactions').create({
				id: rid(),
				people: [connection],
				kind: 'note',
				text,
				at: new Date().toISOString()
			});
		}
		const results = await batch.send();
		expect(results.every((r) => r.status === 200)).toBe(true);
		// PocketBase's own batch limit now matches (4 MB, not its 128 MB default)
		const su = await superuser();
		const settings = (await su.settings.getAll()) as { batch: { maxBodySize: number } };
		expect(settings.batch.maxBodySize).toBe(4 * 1024 * 1024);
		expect((await call(ann, 'GET', '/api/tend/token')).status).toBe(200);
	});
});
