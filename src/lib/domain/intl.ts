// The Intl formatters the app shares, made on first use instead of when a module loads: making one
// loads its locale data (10–25 ms each on a fast machine, four times that on a mid-range phone), and
// the first screen needs none of them.

function lazy<T>(make: () => T): () => T {
	let value: { made: T } | undefined;
	return () => (value ??= { made: make() }).made;
}

/** "yesterday", "in 2 days", "3 weeks ago". */
export const relativeTimeFormat = lazy(
	() => new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
);

/** Orders names as people read them (case and accents aside). */
export const nameCollator = lazy(() => new Intl.Collator(undefined, { sensitivity: 'base' }));
