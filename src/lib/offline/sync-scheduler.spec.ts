import { describe, expect, it } from 'vitest';
import { SyncScheduler, type SchedulerEnvironment } from './sync-scheduler';

/** A window/document/timers double that records listeners and lets the test fire them. */
function fakeEnvironment() {
	const listeners = new Map<string, Set<() => void>>();
	const target = (prefix: string) => ({
		addEventListener: (type: string, fn: () => void) => {
			const key = `${prefix}:${type}`;
			if (!listeners.has(key)) listeners.set(key, new Set());
			listeners.get(key)?.add(fn);
		},
		removeEventListener: (type: string, fn: () => void) =>
			listeners.get(`${prefix}:${type}`)?.delete(fn)
	});
	const timeouts = new Map<number, () => void>();
	let intervalFn: (() => void) | null = null;
	let nextId = 1;
	const document = { ...target('document'), visibilityState: 'visible' };
	const environment: SchedulerEnvironment = {
		window: { ...target('window'), navigator: { onLine: true } },
		document,
		setTimeout: (fn) => {
			timeouts.set(nextId, fn);
			return nextId++;
		},
		clearTimeout: (id) => timeouts.delete(id as number),
		setInterval: (fn) => {
			intervalFn = fn;
			return 0;
		},
		clearInterval: () => {
			intervalFn = null;
		}
	};
	return {
		environment,
		document,
		fire: (key: string) => listeners.get(key)?.forEach((fn) => fn()),
		flushTimeouts: () => {
			const pending = [...timeouts.values()];
			timeouts.clear();
			pending.forEach((fn) => fn());
		},
		tick: () => intervalFn?.(),
		listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0)
	};
}

function fakeEngine() {
	let writeListener: (() => void) | null = null;
	const engine = {
		syncs: 0,
		online: [] as boolean[],
		get hasRun() {
			return engine.syncs > 0;
		},
		sync: () => {
			engine.syncs++;
			return Promise.resolve();
		},
		setOnline: (isOnline: boolean) => engine.online.push(isOnline),
		onLocalWrite: (fn: () => void) => {
			writeListener = fn;
			return () => (writeListener = null);
		},
		write: () => writeListener?.()
	};
	return engine;
}

describe('sync scheduler', () => {
	it('syncs on start, on online, when the tab becomes visible and on the timer', () => {
		const env = fakeEnvironment();
		const engine = fakeEngine();
		const scheduler = new SyncScheduler(engine, { environment: env.environment });
		scheduler.start();
		expect(engine.syncs).toBe(1);
		env.fire('window:online');
		expect(engine.syncs).toBe(2);
		env.document.visibilityState = 'hidden';
		env.fire('document:visibilitychange');
		env.tick();
		expect(engine.syncs).toBe(2); // hidden tabs do not sync
		env.document.visibilityState = 'visible';
		env.fire('document:visibilitychange');
		env.tick();
		expect(engine.syncs).toBe(4);
		env.fire('window:offline');
		expect(engine.online).toEqual([true, true, false]);
	});

	it('can leave the first run to realtime, and runs it itself when no run has started in time', () => {
		const env = fakeEnvironment();
		const engine = fakeEngine();
		new SyncScheduler(engine, { environment: env.environment }).start({ firstRunAfterMs: 3000 });
		expect(engine.syncs).toBe(0);
		env.flushTimeouts();
		expect(engine.syncs).toBe(1);
	});

	it('a first run that started meanwhile (realtime connected) is not repeated', () => {
		const env = fakeEnvironment();
		const engine = fakeEngine();
		new SyncScheduler(engine, { environment: env.environment }).start({ firstRunAfterMs: 3000 });
		void engine.sync(); // realtime's connect
		env.flushTimeouts();
		expect(engine.syncs).toBe(1);
	});

	it('dispose before the deferred first run cancels it', () => {
		const env = fakeEnvironment();
		const engine = fakeEngine();
		const scheduler = new SyncScheduler(engine, { environment: env.environment });
		scheduler.start({ firstRunAfterMs: 3000 });
		scheduler.dispose();
		env.flushTimeouts();
		expect(engine.syncs).toBe(0);
	});

	it('debounces local writes into one sync', () => {
		const env = fakeEnvironment();
		const engine = fakeEngine();
		new SyncScheduler(engine, { environment: env.environment }).start();
		engine.write();
		engine.write();
		engine.write();
		env.flushTimeouts();
		expect(engine.syncs).toBe(2);
	});

	it('dispose removes every listener and timer', () => {
		const env = fakeEnvironment();
		const engine = fakeEngine();
		const scheduler = new SyncScheduler(engine, { environment: env.environment });
		scheduler.start();
		scheduler.dispose();
		env.fire('window:online');
		engine.write();
		env.flushTimeouts();
		env.tick();
		expect(engine.syncs).toBe(1);
		expect(env.listenerCount()).toBe(0);
	});
});
