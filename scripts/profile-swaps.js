// Where a swap's time goes, on the server: runs swaps in a closed loop (concurrency 4, every swap a
// new pair) against a PocketBase of its own started with TEND_PPROF (pocketbase/profile.go), takes
// a 10-second CPU profile from Go's profiler meanwhile, and prints the share of CPU in each part
// (the JS hooks, SQLite, the commits' fsync, garbage collection, the HTTP layer) and the top
// functions by cumulative time (`go tool pprof -top -cum`). Bounded (loopback, ~20 s); asserts
// nothing. Usage: node scripts/profile-swaps.js [--seconds 10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure } from './lib/bench-report.js';
import { loopbackLimits, makeUsers, swap } from './lib/live-clients.js';
import { freePort, startThrowawayPocketBase } from './lib/pocketbase.js';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
const SWAPPERS = 80;

/** Parts of the server, by the frames a sample's stack holds (the first that matches). */
const PARTS = [
	[
		'fsync (commits on disk)',
		/syscall\.(Syscall|RawSyscall)|internal\/poll\.\(\*FD\)\.Fsync|os\.\(\*File\)\.Sync/
	],
	['SQLite (modernc)', /modernc\.org\/sqlite|modernc\.org\/libc/],
	['JS hooks (goja)', /github\.com\/dop251\/goja/],
	['garbage collection', /runtime\.gcBgMarkWorker|runtime\.mallocgc|runtime\.gcDrain/],
	['HTTP and routing', /net\/http|pocketbase\/tools\/router/]
];

const profileDir = mkdtempSync(join(tmpdir(), 'tend-profile-'));
const pprofPort = await freePort();
const server = await startThrowawayPocketBase({
	env: { TEND_PPROF: `127.0.0.1:${pprofPort}` }
});
try {
	const base = server.url;
	await (
		await loopbackLimits(server)
	)(false);
	const users = await makeUsers(base, SWAPPERS, true);

	let next = 0;
	let ok = 0;
	let failed = 0;
	let running = true;
	const loop = async () => {
		while (running) {
			const n = next++;
			const scanner = users[n % SWAPPERS];
			const owner = users[(n + 1 + Math.floor(n / SWAPPERS)) % SWAPPERS];
			if (!scanner || !owner || scanner === owner) continue;
			const reply = await swap(base, scanner.token, owner.swapToken);
			if (reply.status === 200) ok++;
			else failed++;
		}
	};
	const loops = Array.from({ length: 4 }, loop);
	await new Promise((r) => setTimeout(r, 2000)); // warm
	const okBefore = ok;
	const started = performance.now();
	const profile = await fetch(
		`http://127.0.0.1:${pprofPort}/debug/pprof/profile?seconds=${SECONDS}`
	);
	const bytes = Buffer.from(await profile.arrayBuffer());
	const swapsPerSecond = (ok - okBefore) / ((performance.now() - started) / 1000);
	running = false;
	await Promise.all(loops);
	const file = join(profileDir, 'swaps.pprof');
	writeFileSync(file, bytes);

	const go = (/** @type {string[]} */ args) =>
		execFileSync('go', ['tool', 'pprof', ...args, file], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
			maxBuffer: 64 * 2 ** 20
		});
	// -traces: every sample's stack, to count the samples in each part
	const traces = go(['-traces']).split(/\n-{5,}.*\n/);
	const total = { ms: 0 };
	/** @type {Map<string, number>} */
	const byPart = new Map();
	for (const trace of traces) {
		const ms = /^\s*([\d.]+)(ms|s)\s/m.exec(trace);
		if (!ms) continue;
		const value = Number(ms[1]) * (ms[2] === 's' ? 1000 : 1);
		total.ms += value;
		const part = PARTS.find(([, pattern]) => /** @type {RegExp} */ (pattern).test(trace));
		const name = part ? String(part[0]) : 'other';
		byPart.set(name, (byPart.get(name) ?? 0) + value);
	}
	console.log(
		`Swaps profiled: ${swapsPerSecond.toFixed(0)}/s for ${SECONDS} s (concurrency 4; ${failed} failed), ` +
			`${(total.ms / SECONDS / 10).toFixed(0)}% of one core, ${(total.ms / (swapsPerSecond * SECONDS)).toFixed(2)} ms CPU per swap`
	);
	for (const [name, ms] of [...byPart].sort((a, b) => b[1] - a[1])) {
		console.log(
			`   ${name.padEnd(26)} ${((100 * ms) / total.ms).toFixed(0).padStart(3)}%  ${(ms / (swapsPerSecond * SECONDS)).toFixed(2)} ms per swap`
		);
	}
	const profiled = `${SECONDS} s CPU profile, concurrency 4`;
	figure('swaps/s while profiled', swapsPerSecond, '/s', {
		note: `${profiled}; ${failed} failed`
	});
	figure('server CPU per swap', total.ms / (swapsPerSecond * SECONDS), 'ms', {
		note: `${profiled}; ${(total.ms / SECONDS / 10).toFixed(0)}% of one core`
	});
	// The parts whose share a change to the swap moves, by the same names each run.
	/** @type {[string, string][]} */
	const headline = [
		['JS hooks (goja)', 'JS hooks'],
		['SQLite (modernc)', 'SQLite'],
		['fsync (commits on disk)', 'fsync']
	];
	for (const [part, short] of headline) {
		const ms = byPart.get(part) ?? 0;
		figure(`server CPU share, ${short}`, (100 * ms) / total.ms, '%', {
			note: `${part}: ${(ms / (swapsPerSecond * SECONDS)).toFixed(2)} ms per swap`
		});
	}
	console.log('Top functions by cumulative CPU:');
	const top = go(['-top', '-cum', '-nodecount=30']).split('\n');
	const start = top.findIndex((line) => /flat\s+flat%/.test(line));
	for (const line of top.slice(start, start + 31)) console.log(`   ${line}`);
} finally {
	await server.dispose();
	rmSync(profileDir, { recursive: true, force: true });
}
