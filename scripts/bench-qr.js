// Prints the size of the largest possible swap code text and the QR version it needs at the
// error-correction level the app uses. The limits come from src/lib/domain/swap-limits.json, the
// same file the codec (src/lib/domain/swap-payload.ts) reads, so the figures cannot drift.
// Usage: node scripts/bench-qr.js
import { readFileSync } from 'node:fs';
// The encoder the app draws its code with (src/lib/components/QrCode.svelte).
import { correction, generate } from 'lean-qr/nano';
import { atMost, figure } from './lib/bench-report.js';

/** @type {{ payloadVersion: number, maxCodeBytes: number, maxQrVersion: number, qrEcc: 'L'|'M'|'Q'|'H', path: string, separator: string, tokenPattern: string, benchOrigin: string }} */
const LIMITS = JSON.parse(
	readFileSync(new URL('../src/lib/domain/swap-limits.json', import.meta.url), 'utf8')
);

// The longest token the pattern allows: 15-char card id, 4-char key version, 7-char expiry.
const token = `${'a'.repeat(15)}.zzzz.zzzzzzz.${'A'.repeat(22)}`;
if (!new RegExp(LIMITS.tokenPattern).test(token)) throw new Error('bench token does not match');

/**
 * A code text for `origin` whose fields fill it to `bytes` (the codec never writes more).
 * @param {string} origin
 * @param {number} bytes
 */
function codeOfSize(origin, bytes) {
	const sep = LIMITS.separator;
	const prefix = `${origin}${LIMITS.path}${LIMITS.payloadVersion}${sep}${token}${sep}`;
	const room = bytes - prefix.length - 2 * sep.length;
	const name = '%C3%A9'.repeat(Math.floor(room / 6)) + 'a'.repeat(room % 6);
	return `${prefix}${name}${sep}${sep}`;
}

/**
 * The median of a few timings of `fn`, in milliseconds.
 * @param {() => unknown} fn
 */
function medianMs(fn, runs = 51) {
	const times = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(runs / 2)] ?? 0;
}

/** @type {[string, string][]} */
const rows = [
	['largest code', codeOfSize(LIMITS.benchOrigin, LIMITS.maxCodeBytes)],
	['typical code', `${LIMITS.benchOrigin}/c#1~${token}~Ann%20Lee~Robotics%20meetup%20host~Acme`],
	['local dev code', codeOfSize('http://127.0.0.1:8090', LIMITS.maxCodeBytes)]
];
console.log(
	`QR codes at ECC ${LIMITS.qrEcc} (target: ≤ ${LIMITS.maxCodeBytes} bytes, version ≤ ${LIMITS.maxQrVersion})`
);
let isWithinTarget = true;
for (const [label, text] of rows) {
	const bytes = Buffer.byteLength(text, 'utf8');
	const level = correction[/** @type {'L' | 'M' | 'Q' | 'H'} */ (LIMITS.qrEcc)];
	const qr = generate(text, { minCorrectionLevel: level });
	const version = (qr.size - 17) / 4;
	const ms = medianMs(() => generate(text, { minCorrectionLevel: level }));
	isWithinTarget &&= bytes <= LIMITS.maxCodeBytes && version <= LIMITS.maxQrVersion;
	console.log(
		`  ${label.padEnd(15)} ${String(bytes).padStart(4)} bytes  version ${String(version).padStart(2)}  ${qr.size}×${qr.size} modules  encode ${ms.toFixed(2)} ms (median)`
	);
	const ecc = `ECC ${LIMITS.qrEcc}, ${qr.size}×${qr.size} modules`;
	if (label === 'largest code') {
		figure('swap code text, largest', bytes, 'bytes', {
			...atMost(bytes, LIMITS.maxCodeBytes, 'bytes'),
			note: `origin ${LIMITS.benchOrigin}, every field filled to the codec's limit`
		});
		figure('QR version, largest code', version, '', {
			...atMost(version, LIMITS.maxQrVersion, ''),
			note: ecc
		});
		figure('QR encode, largest code, median', ms, 'ms', { note: 'lean-qr, median of 51' });
	} else if (label === 'typical code') {
		figure('QR version, typical code', version, '', {
			...atMost(version, LIMITS.maxQrVersion, ''),
			note: `${bytes} bytes, ${ecc}`
		});
	}
}
console.log(isWithinTarget ? '  within target' : '  OVER TARGET');
process.exitCode = isWithinTarget ? 0 : 1;
