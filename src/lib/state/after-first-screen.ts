// Work that the first screen does not need waits for this: the browser idle after it rendered.

/** Resolves once the first screen has rendered and the browser is idle (or after timeoutMs). */
export function afterFirstScreen(timeoutMs = 2000): Promise<void> {
	return new Promise((resolve) => {
		if ('requestIdleCallback' in window)
			requestIdleCallback(() => resolve(), { timeout: timeoutMs });
		else setTimeout(resolve, 300);
	});
}
