// Clients for the live benches (bench-live.js, bench-soak.js): users made through the API and live
// streams (GET /api/tend/live) that reconnect as the device does.
import { requestJson as req } from './http.js';

/** The device's reconnect waits (reconnectIntervals in src/lib/offline/live.ts). */
export function reconnectIntervalsOf(/** @type {() => number} */ random) {
	return [1000, 2000, 4000, 8000, 15000].map((ms) => Math.round(ms * (0.25 + 1.5 * random())));
}

export function rid() {
	const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
	let out = '';
	for (let i = 0; i < 15; i++) out += abc[Math.floor(Math.random() * abc.length)];
	return out;
}

/** @param {number[]} values @param {number} q */
export function quantile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/**
 * One live stream that reconnects as the device does; `onChange` gets each notice's arrival.
 * @param {string} base @param {string} token @param {number[]} waits
 * @param {(at: number, data: string) => void} [onChange]
 */
export function stream(base, token, waits, onChange) {
	const state = { hellos: 0, lastHelloAt: 0, closed: false, abort: new AbortController() };
	const run = async () => {
		let attempt = 0;
		while (!state.closed) {
			try {
				const res = await fetch(`${base}/api/tend/live`, {
					headers: { authorization: token },
					signal: state.abort.signal
				});
				if (res.status === 200 && res.body) {
					const reader = res.body.getReader();
					const decoder = new TextDecoder();
					let buffer = '';
					for (;;) {
						const { value, done } = await reader.read();
						if (done) break;
						buffer += decoder.decode(value, { stream: true });
						let end = buffer.indexOf('\n\n');
						while (end >= 0) {
							const block = buffer.slice(0, end);
							buffer = buffer.slice(end + 2);
							if (block.startsWith('event: hello')) {
								state.hellos++;
								state.lastHelloAt = performance.now();
								attempt = 0;
							} else if (block.startsWith('event: change')) {
								onChange?.(performance.now(), block);
							}
							end = buffer.indexOf('\n\n');
						}
					}
				} else {
					await res.body?.cancel();
				}
			} catch {
				// dropped: reconnect below
			}
			if (state.closed) return;
			const wait = waits[Math.min(attempt++, waits.length - 1)] ?? 15000;
			await new Promise((r) => setTimeout(r, wait));
		}
	};
	void run();
	return {
		state,
		close: () => {
			state.closed = true;
			state.abort.abort();
		}
	};
}

/**
 * One swap: the person signed in with `scannerToken` scans the code whose swap token is
 * `ownerSwapToken` (a new swap and connection id each time). The reply, as requestJson gives it.
 * @param {string} base @param {string} scannerToken @param {string} ownerSwapToken
 */
export function swap(base, scannerToken, ownerSwapToken) {
	return req(
		base,
		'POST',
		'/api/tend/swaps',
		{
			id: rid(),
			connectionId: rid(),
			token: ownerSwapToken,
			scannedAt: new Date().toISOString()
		},
		scannerToken
	);
}

/**
 * Signs in as a throwaway server's superuser and returns a switch for loopback's per-IP limits:
 * `await limits(false)` while a bench signs up its users, `await limits(true)` to have them again.
 * @param {{ url: string, superuser: { email: string, password: string } }} server
 */
export async function loopbackLimits(server) {
	const su = await req(server.url, 'POST', '/api/collections/_superusers/auth-with-password', {
		identity: server.superuser.email,
		password: server.superuser.password
	});
	return (/** @type {boolean} */ on) =>
		req(
			server.url,
			'PATCH',
			'/api/settings',
			{ rateLimits: { excludedIPs: on ? [] : ['127.0.0.1'] } },
			su.json.token
		);
}

/** Signs up `count` users (with a card and a swap token when `withCards`). */
export async function makeUsers(
	/** @type {string} */ base,
	/** @type {number} */ count,
	withCards = false
) {
	const users = [];
	const one = async (/** @type {number} */ i) => {
		const email = `live${i}-${rid()}@tend.test`;
		await req(base, 'POST', '/api/collections/users/records', {
			email,
			password: 'bench-user-password',
			passwordConfirm: 'bench-user-password'
		});
		const auth = await req(base, 'POST', '/api/collections/users/auth-with-password', {
			identity: email,
			password: 'bench-user-password'
		});
		const token = auth.json.token;
		let swapToken = '';
		if (withCards) {
			await req(base, 'POST', '/api/collections/cards/records', { name: `Live ${i}` }, token);
			swapToken = (await req(base, 'GET', '/api/tend/token', undefined, token)).json.token;
		}
		return { id: auth.json.record.id, token, swapToken };
	};
	for (let i = 0; i < count; i += 8) {
		users.push(
			...(await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, k) => one(i + k))))
		);
	}
	return users;
}
