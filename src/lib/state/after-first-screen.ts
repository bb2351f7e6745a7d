// Work that the first screen does not need waits for this: the browser idle after it rendered.

/** Resolves once the first screen has rendered and the browser is idle (or after timeoutMs). */
export function afterFirstScreen(timeoutMs = 2000): Promise<void> {
	return new Promise((resolve) => {
		if ('requestIdleCallback' in window)
			requestIdleCallback(() => resolve(), { timeout: timeoutMs });
		else setTimeout(resolve, 300);
	});
}

/**
 * Resolves just after the browser has painted what is on the screen now (a frame, then a task),
 * or after timeoutMs when it paints no frame (a hidden tab).
 */
export function afterPaint(timeoutMs = 100): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, timeoutMs);
		requestAnimationFrame(() =>
			setTimeout(() => {
				clearTimeout(timer);
				resolve();
			}, 0)
		);
	});
}
