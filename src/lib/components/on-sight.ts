// Grows a long list as its end comes into view: the attachment goes on a sentinel after the last
// row. Invariant: while the sentinel stays in view (or near it), `onSight` keeps being called, one
// call per frame, so a tall screen fills up; it stops once the sentinel is out of view or removed.
// A real "Show more" button beside it serves the keyboard and assistive technologies.
import type { Attachment } from 'svelte/attachments';

/** How far below the viewport the sentinel counts as in view (the next rows render before). */
const AHEAD = '0px 0px 800px 0px';

/** Calls `onSight` each time the element comes (or stays, after a render) into view. */
export function onSight(onSight: () => void): Attachment<HTMLElement> {
	return (element) => {
		let frame = 0;
		const observer = new IntersectionObserver(
			(entries) => {
				if (!entries.some((e) => e.isIntersecting)) return;
				onSight();
				// Observing again reports the sentinel's place after the new rows rendered.
				cancelAnimationFrame(frame);
				frame = requestAnimationFrame(() => {
					observer.unobserve(element);
					observer.observe(element);
				});
			},
			{ rootMargin: AHEAD }
		);
		observer.observe(element);
		return () => {
			cancelAnimationFrame(frame);
			observer.disconnect();
		};
	};
}
