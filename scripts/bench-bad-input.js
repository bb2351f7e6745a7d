// Bench: bad input is bounded (pocketbase/limits.go). 100 MB bodies, declared and chunked, thrown
// at every route that takes a body, 8 at a time for a bounded time, against a throwaway
// PocketBase on loopback; prints the server's peak resident memory (from /proc, sampled every
// 50 ms) and what it answered. Target: peak RSS under 300 MB. Asserts nothing.
// Usage: node scripts/bench-bad-input.js [--seconds 15]
import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { atMost, figure } from './lib/bench-report.js';
import { startThrowawayPocketBase } from './lib/pocketbase.js';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 15;
const BODY = 100 * 1024 * 1024;
const ROUTES = [
	'/api/tend/swaps',
	'/api/tend/public/share-back',
	'/api/tend/events/join',
	'/api/batch',
	'/api/realtime',
	'/api/collections/users/auth-with-password',
	'/api/collections/users/records',
	'/api/collections/cards/records',
	'/api/collections/connections/records'
];
const CHUNK = Buffer.alloc(256 * 1024, 0x61);

/** Resident memory of a process in MB (Linux), or NaN. */
function rssMb(/** @type {number} */ pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
		return kb / 1024;
	} catch {
		return NaN;
	}
}

/** The PocketBase process serving `port` (its command line names the port), or NaN. */
function pidOfPort(/** @type {string} */ port) {
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
			if (cmd.includes(`--http=127.0.0.1:${port}`)) return Number(name);
		} catch {
			// gone meanwhile
		}
	}
	return NaN;
}

/**
 * Sends one 100 MB body (declared with Content-Length, or chunked) to a route, as fast as the
 * server takes it, and resolves with the status it answered (0: the connection was cut first).
 * @param {string} host @param {number} port @param {string} path @param {boolean} chunked
 */
function throwBody(host, port, path, chunked) {
	return new Promise((done) => {
		const socket = connect(port, host);
		let reply = '';
		let sent = 0;
		const finish = () => {
			socket.destroy();
			done(Number(/HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0));
		};
		socket.on('data', (d) => {
			reply += d.toString('latin1');
			if (/HTTP\/1\.1 \d{3}/.test(reply)) finish();
		});
		socket.on('error', finish);
		socket.on('close', finish);
		socket.on('connect', () => {
			socket.write(
				`POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\n` +
					(chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${BODY}\r\n\r\n`)
			);
			const pump = () => {
				while (sent < BODY && !socket.destroyed) {
					const piece = chunked
						? Buffer.concat([
								Buffer.from(`${CHUNK.length.toString(16)}\r\n`),
								CHUNK,
								Buffer.from('\r\n')
							])
						: CHUNK;
					sent += CHUNK.length;
					if (!socket.write(piece)) return void socket.once('drain', pump);
				}
			};
			pump();
		});
	});
}

const server = await startThrowawayPocketBase();
try {
	const { hostname, port } = new URL(server.url);
	const pid = pidOfPort(port);
	const idle = rssMb(pid);
	let peak = idle;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
	/** @type {Record<string, number>} */
	const answers = {};
	const deadline = Date.now() + SECONDS * 1000;
	let thrown = 0;
	const worker = async (/** @type {number} */ w) => {
		for (let n = w; Date.now() < deadline; n++) {
			const path = /** @type {string} */ (ROUTES[n % ROUTES.length]);
			const status = await throwBody(hostname, Number(port), path, n % 2 === 0);
			answers[status] = (answers[status] ?? 0) + 1;
			thrown++;
		}
	};
	await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
	clearInterval(sampler);
	const health = await fetch(`${server.url}/api/health`);
	console.log(
		`bad input: ${thrown} bodies of 100 MB (declared and chunked) at ${ROUTES.length} routes, 8 at a time, ${SECONDS} s`
	);
	console.log(`  answers ${JSON.stringify(answers)}; health afterwards ${health.status}`);
	console.log(
		`  PocketBase RSS: idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (target < 300 MB)`
	);
	const load = `${thrown} bodies of 100 MB at ${ROUTES.length} routes, 8 at a time, ${SECONDS} s`;
	figure("PocketBase's peak RSS, bad input", peak, 'MB', {
		...atMost(peak, 300, 'MB'),
		note: `${load}; idle ${idle.toFixed(0)} MB; health afterwards ${health.status}`
	});
	figure('100 MB bodies thrown', thrown, '', {
		note: `answers ${JSON.stringify(answers)} (0: connection cut)`
	});
} finally {
	await server.dispose();
}
