// The live channel: one stream per device (GET /api/tend/live, server-sent events over fetch, so
// the token goes in a header, never in a URL) on which the server says only which of my
// collections changed; the engine then pulls those by cursor. `hello` opens every connection: the
// device may have missed changes while it was not connected, so it runs a full sync; the hello
// carries the server's data epoch, which changes when a backup is restored.
// Invariant: one stream at a time; a dropped stream comes back after this device's own jittered
// wait (so a hall's phones do not reconnect at once after a restart), and a refused token stops
// the channel until start() is called again.
import { COLLECTIONS, type CollectionName } from './schema';

/** Reconnect waits before jitter (ms): attempt 1, 2, …; the last repeats. */
const RECONNECT_STEPS = [1000, 2000, 4000, 8000, 15000];

/**
 * This device's reconnect waits: each step spread between a quarter and 1¾ of itself, drawn once
 * per device, so that after a restart a hall's phones reconnect over seconds, not all at once.
 */
export function reconnectIntervals(random: () => number = Math.random): number[] {
	return RECONNECT_STEPS.map((ms) => Math.round(ms * (0.25 + 1.5 * random())));
}

export interface LiveEvent {
	event: string;
	data: string;
}

/** Splits a server-sent event stream into events; feed it chunks, it keeps partial lines. */
export class EventStreamParser {
	#buffer = '';
	#event = '';
	#data: string[] = [];

	push(chunk: string): LiveEvent[] {
		this.#buffer += chunk;
		const events: LiveEvent[] = [];
		for (;;) {
			const end = this.#buffer.search(/\r\n|\r|\n/);
			// a CR at the very end may be half of a CRLF split across chunks: wait for the next
			if (end < 0 || (end === this.#buffer.length - 1 && this.#buffer[end] === '\r')) break;
			const line = this.#buffer.slice(0, end);
			const newline = this.#buffer.startsWith('\r\n', end) ? 2 : 1;
			this.#buffer = this.#buffer.slice(end + newline);
			if (line === '') {
				if (this.#event || this.#data.length > 0) {
					events.push({ event: this.#event || 'message', data: this.#data.join('\n') });
				}
				this.#event = '';
				this.#data = [];
				continue;
			}
			if (line.startsWith(':')) continue; // a comment (the server's keep-alive ping)
			const colon = line.indexOf(':');
			const field = colon < 0 ? line : line.slice(0, colon);
			const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
			if (field === 'event') this.#event = value;
			else if (field === 'data') this.#data.push(value);
		}
		return events;
	}
}

/** The collections a `change` event names (unknown names are ignored). */
export function changedCollections(data: string): CollectionName[] {
	try {
		const parsed = JSON.parse(data) as { collections?: unknown };
		if (!Array.isArray(parsed.collections)) return [];
		return COLLECTIONS.filter((c) => (parsed.collections as unknown[]).includes(c));
	} catch {
		return [];
	}
}

/** Longest spread a notice may ask for (the server asks at most a minute). */
export const MAX_SPREAD_MS = 60_000;

/**
 * How long a `change` event asks the device to spread its pull over, in ms (0: pull now). The
 * server asks for one when a change reaches many people at once (an event edited), so that their
 * phones do not all pull in the same second.
 */
export function spreadOf(data: string): number {
	try {
		const { spreadMs } = JSON.parse(data) as { spreadMs?: unknown };
		if (typeof spreadMs !== 'number' || !Number.isFinite(spreadMs) || spreadMs <= 0) return 0;
		return Math.min(spreadMs, MAX_SPREAD_MS);
	} catch {
		return 0;
	}
}

/** The data epoch a `hello` event carries, or null. */
export function epochOf(data: string): string | null {
	try {
		const parsed = JSON.parse(data) as { epoch?: unknown };
		return typeof parsed.epoch === 'string' && parsed.epoch !== '' ? parsed.epoch : null;
	} catch {
		return null;
	}
}

export interface LiveChannelOptions {
	/** The stream's URL. */
	url: string;
	/** The current auth token (read at each connect). */
	token: () => string;
	/**
	 * Whether the device still holds a session worth trying (default: a token is there): without
	 * one the channel stops at once, sending nothing the server could only refuse.
	 */
	hasSession?: () => boolean;
	/**
	 * A connection opened: anything may have changed meanwhile. `epoch` is the server's data
	 * epoch (it changes when the server is restored from a backup), null if it sent none.
	 */
	onHello: (hello: { epoch: string | null }) => void;
	/**
	 * Some of my collections changed on the server. A change that asked for a spread comes after a
	 * random part of it (changes meanwhile join it); any other comes at once.
	 */
	onChange: (collections: CollectionName[]) => void;
	/** The server refused the token (the channel stops). */
	onUnauthorized: () => void;
	fetch?: typeof fetch;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	random?: () => number;
}

export class LiveChannel {
	readonly #o: Required<LiveChannelOptions>;
	readonly #waits: number[];
	#abort: AbortController | null = null;
	#timer: unknown = null;
	/** The pull of spread changes, waiting; the collections it will name. */
	#spreadTimer: unknown = null;
	readonly #spread = new Set<CollectionName>();
	#attempt = 0;
	#isRunning = false;
	#isConnected = false;

	constructor(options: LiveChannelOptions) {
		this.#o = {
			fetch: (input, init) => globalThis.fetch(input, init),
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
			random: Math.random,
			hasSession: () => this.#o.token() !== '',
			...options
		};
		this.#waits = reconnectIntervals(this.#o.random);
	}

	/** Whether a stream is open and has said hello. */
	get isConnected(): boolean {
		return this.#isConnected;
	}

	/** Opens the stream (and keeps it open) until stop(); does nothing if already running. */
	start(): void {
		if (this.#isRunning) return;
		this.#isRunning = true;
		this.#attempt = 0;
		void this.#connect();
	}

	/** Closes the stream and cancels any reconnect. */
	stop(): void {
		this.#isRunning = false;
		this.#isConnected = false;
		if (this.#timer !== null) this.#o.clearTimer(this.#timer);
		this.#timer = null;
		// the next connect's hello runs a full sync, which covers them
		if (this.#spreadTimer !== null) this.#o.clearTimer(this.#spreadTimer);
		this.#spreadTimer = null;
		this.#spread.clear();
		this.#abort?.abort();
		this.#abort = null;
	}

	#changed(collections: CollectionName[], spreadMs: number): void {
		if (spreadMs <= 0) {
			this.#o.onChange(collections);
			return;
		}
		for (const name of collections) this.#spread.add(name);
		if (this.#spreadTimer !== null) return;
		this.#spreadTimer = this.#o.setTimer(
			() => {
				this.#spreadTimer = null;
				const names = COLLECTIONS.filter((c) => this.#spread.has(c));
				this.#spread.clear();
				if (names.length > 0) this.#o.onChange(names);
			},
			Math.round(this.#o.random() * spreadMs)
		);
	}

	async #connect(): Promise<void> {
		if (!this.#o.hasSession()) {
			this.stop();
			this.#o.onUnauthorized();
			return;
		}
		const abort = new AbortController();
		this.#abort = abort;
		try {
			const res = await this.#o.fetch(this.#o.url, {
				headers: { authorization: this.#o.token(), accept: 'text/event-stream' },
				cache: 'no-store',
				signal: abort.signal
			});
			if (res.status === 401 || res.status === 403) {
				await res.body?.cancel().catch(() => undefined);
				if (this.#abort !== abort) return;
				this.stop();
				this.#o.onUnauthorized();
				return;
			}
			if (!res.ok || !res.body) throw new Error(`live: ${res.status}`);
			await this.#read(res.body, abort);
		} catch {
			// a dropped or refused stream: reconnect below
		}
		if (this.#abort !== abort || !this.#isRunning) return;
		this.#isConnected = false;
		const wait = this.#waits[Math.min(this.#attempt, this.#waits.length - 1)] ?? 15_000;
		this.#attempt++;
		this.#timer = this.#o.setTimer(() => {
			this.#timer = null;
			if (this.#isRunning) void this.#connect();
		}, wait);
	}

	async #read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<void> {
		const reader = body.getReader();
		const decoder = new TextDecoder();
		const parser = new EventStreamParser();
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done || this.#abort !== abort) return;
				for (const { event, data } of parser.push(decoder.decode(value, { stream: true }))) {
					if (event === 'hello') {
						this.#isConnected = true;
						this.#attempt = 0;
						this.#o.onHello({ epoch: epochOf(data) });
					} else if (event === 'change') {
						const collections = changedCollections(data);
						if (collections.length > 0) this.#changed(collections, spreadOf(data));
					}
				}
			}
		} finally {
			reader.releaseLock();
		}
	}
}
