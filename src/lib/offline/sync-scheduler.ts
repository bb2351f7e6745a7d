// When to sync: on start, when the browser comes online, when the tab becomes visible, shortly
// after local writes (debounced) and on a timer. No Background Sync (Safari and Firefox lack it);
// the engine's single-flight makes extra triggers cheap.
import type { SyncEngine } from './sync-engine';

interface EventSourceLike {
	addEventListener(type: string, listener: () => void): void;
	removeEventListener(type: string, listener: () => void): void;
}

/** The bits of window/document the scheduler listens to (injectable for tests). */
export interface SchedulerEnvironment {
	window: EventSourceLike & { navigator?: { onLine: boolean } };
	document: EventSourceLike & { visibilityState: string };
	setTimeout: (fn: () => void, ms: number) => unknown;
	clearTimeout: (handle: unknown) => void;
	setInterval: (fn: () => void, ms: number) => unknown;
	clearInterval: (handle: unknown) => void;
}

export interface SchedulerOptions {
	/** Debounce after a local write (default 300 ms). */
	writeDebounceMs?: number;
	/** Periodic sync while the tab is visible (default 60 s). */
	intervalMs?: number;
	environment?: SchedulerEnvironment;
}

type EngineLike = Pick<SyncEngine, 'sync' | 'onLocalWrite' | 'setOnline' | 'hasRun'>;

function browserEnvironment(): SchedulerEnvironment {
	// Typed structurally so this module compiles whatever DOM/worker lib the program uses.
	const page = globalThis as unknown as Pick<SchedulerEnvironment, 'window' | 'document'>;
	return {
		window: page.window,
		document: page.document,
		setTimeout: (fn, ms) => setTimeout(fn, ms),
		clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
		setInterval: (fn, ms) => setInterval(fn, ms),
		clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>)
	};
}

export class SyncScheduler {
	readonly #engine: EngineLike;
	readonly #env: SchedulerEnvironment;
	readonly #debounceMs: number;
	readonly #intervalMs: number;
	readonly #cleanups: (() => void)[] = [];
	#debounce: unknown = null;

	constructor(engine: EngineLike, options: SchedulerOptions = {}) {
		this.#engine = engine;
		this.#env = options.environment ?? browserEnvironment();
		this.#debounceMs = options.writeDebounceMs ?? 300;
		this.#intervalMs = options.intervalMs ?? 60_000;
	}

	/**
	 * Starts listening and runs the first sync: at once, or after `firstRunAfterMs` unless a run
	 * has started meanwhile (online, the live stream's hello starts the first run once the stream
	 * is open, so nothing is missed; the scheduler's own is the fallback, so an open pulls each
	 * collection once).
	 */
	start({ firstRunAfterMs = 0 }: { firstRunAfterMs?: number } = {}): void {
		const { window: win, document: doc } = this.#env;
		const onOnline = () => {
			this.#engine.setOnline(true);
			this.#trigger();
		};
		const onOffline = () => this.#engine.setOnline(false);
		const onVisibility = () => {
			if (doc.visibilityState === 'visible') this.#trigger();
		};
		win.addEventListener('online', onOnline);
		win.addEventListener('offline', onOffline);
		doc.addEventListener('visibilitychange', onVisibility);
		this.#cleanups.push(
			() => win.removeEventListener('online', onOnline),
			() => win.removeEventListener('offline', onOffline),
			() => doc.removeEventListener('visibilitychange', onVisibility),
			this.#engine.onLocalWrite(() => this.#afterWrite())
		);
		const timer = this.#env.setInterval(() => {
			if (doc.visibilityState === 'visible') this.#trigger();
		}, this.#intervalMs);
		this.#cleanups.push(() => this.#env.clearInterval(timer));
		if (win.navigator) this.#engine.setOnline(win.navigator.onLine);
		if (firstRunAfterMs <= 0) {
			this.#trigger();
			return;
		}
		const first = this.#env.setTimeout(() => {
			if (!this.#engine.hasRun) this.#trigger();
		}, firstRunAfterMs);
		this.#cleanups.push(() => this.#env.clearTimeout(first));
	}

	/** Removes every listener and timer. */
	dispose(): void {
		for (const cleanup of this.#cleanups.splice(0)) cleanup();
		if (this.#debounce !== null) this.#env.clearTimeout(this.#debounce);
		this.#debounce = null;
	}

	#afterWrite(): void {
		if (this.#debounce !== null) this.#env.clearTimeout(this.#debounce);
		this.#debounce = this.#env.setTimeout(() => {
			this.#debounce = null;
			this.#trigger();
		}, this.#debounceMs);
	}

	#trigger(): void {
		// The browser knows for sure when it is offline: no request would get anywhere then.
		if (this.#env.window.navigator?.onLine === false) return;
		void this.#engine.sync();
	}
}
