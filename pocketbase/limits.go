package main

// Request body limits, per route, before any handler reads a byte. Invariants:
//   - a body declared larger than its route's limit (Content-Length) is refused 413 at once,
//     unread; a body of unknown length (chunked) is read here up to the limit, and refused 413
//     past it; a declared one that turns out longer fails its read at the limit;
//   - every 413 closes its connection (`Connection: close`), so the rest of an oversized body is
//     never read as the next request on a kept-alive connection; and it closes the way Go's
//     server closes after http.MaxBytesReader's limit: the 413, a FIN, 500 ms, then the close.
//     Closed at once, the client still sending gets a reset, and its TCP stack may drop the
//     unread 413 with it (a browser then sees a network error, not "too large");
//   - the limits are what the device really sends, with room: a swap is a few hundred bytes, the
//     outbox's largest batch is 100 records of at most ~21 KB each (a connection with a full
//     snapshot, notes and tags), a card with its photo is at most 2 MB plus its text.
// PocketBase's own limits (32 MB per request, the batch's maxBodySize) still apply behind these;
// this runs first, in Go, so no JS runtime is held while a body is refused.

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

const (
	kb = 1 << 10
	mb = 1 << 20

	// BatchBodyLimit fits the device's largest batch (push.ts MAX_BATCH = 100 records).
	BatchBodyLimit = 4 * mb
	// defaultBodyLimit is for every other route that takes a body (sign-in, events, settings).
	defaultBodyLimit = 256 * kb
)

// routeLimit is the body limit of a request; 0 means PocketBase's own limits only (superuser
// routes: importing collections, uploading a backup, which need large bodies and check the
// superuser before reading them).
func routeLimit(path string) int64 {
	switch {
	case path == "/api/tend/swaps", strings.HasPrefix(path, "/api/tend/events/"),
		path == "/api/tend/public/share-back", strings.HasPrefix(path, "/api/tend/token"),
		path == "/api/tend/pull":
		return 16 * kb
	case path == "/api/realtime":
		return 64 * kb
	case path == "/api/batch":
		return BatchBodyLimit
	case strings.HasPrefix(path, "/api/collections/cards/records"):
		// the photo (the field's maxSize, 2 MB) and the card's text, as multipart
		return 2*mb + 64*kb
	case strings.HasPrefix(path, "/api/backups"), path == "/api/collections/import",
		strings.HasPrefix(path, "/api/collections/_superusers/"):
		return 0
	}
	return defaultBodyLimit
}

var errTooLarge = router.NewApiError(http.StatusRequestEntityTooLarge, "Request entity too large", nil)

// bodyLimits is the middleware; it runs before PocketBase's rate limit and body limit.
func bodyLimits() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "tendBodyLimits",
		// after the rate limit (a throttled request costs nothing more), before PocketBase's body limit
		Priority: apis.DefaultRateLimitMiddlewarePriority + 5,
		Func: func(e *core.RequestEvent) error {
			if e.Request.Body == nil || e.Request.Body == http.NoBody {
				return e.Next()
			}
			limit := routeLimit(e.Request.URL.Path)
			if limit <= 0 {
				return e.Next()
			}
			if e.Request.ContentLength > limit {
				return refuseTooLarge(e)
			}
			if e.Request.ContentLength < 0 {
				// A body of unknown length (chunked) is read here, up to the limit: a handler that
				// answers without reading it (a 401) would otherwise leave its rest on the connection,
				// where Go may read it as the next request.
				data, err := io.ReadAll(io.LimitReader(e.Request.Body, limit+1))
				if err != nil || int64(len(data)) > limit {
					return refuseTooLarge(e)
				}
				e.Request.Body = io.NopCloser(bytes.NewReader(data))
				e.Request.ContentLength = int64(len(data))
				return e.Next()
			}
			e.Request.Body = &cappedBody{
				ReadCloser: e.Request.Body,
				limit:      limit,
				left:       limit,
				header:     e.Response.Header(),
			}
			return e.Next()
		},
	}
}

// refuseTooLarge answers 413 and closes the connection as Go's server does after
// http.MaxBytesReader's limit: the reply, a FIN, a pause, then the close. MaxBytesReader tells
// Go's own response writer (under PocketBase's wrappers) that the limit was hit when a read
// passes it; a one-byte stand-in body passes a zero limit, so nothing more of the client's body
// is read or waited for.
func refuseTooLarge(e *core.RequestEvent) error {
	w := http.ResponseWriter(e.Response)
	for {
		inner, ok := w.(router.RWUnwrapper)
		if !ok {
			break
		}
		w = inner.Unwrap()
	}
	var one [1]byte
	_, _ = http.MaxBytesReader(w, io.NopCloser(strings.NewReader("x")), 0).Read(one[:])
	e.Response.Header().Set("Connection", "close")
	return errTooLarge
}

// cappedBody fails a read past its limit, and marks the response to close the connection.
type cappedBody struct {
	io.ReadCloser
	limit  int64
	left   int64
	header http.Header
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, errTooLarge
	}
	// one byte past the limit tells a body that ends exactly at it from a longer one
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		b.header.Set("Connection", "close")
		return n, errTooLarge
	}
	return n, err
}

// Reread passes PocketBase's body re-reading (router.Rereader: the router makes every body
// re-readable before the middlewares) through, and counts the replay from the start.
func (b *cappedBody) Reread() {
	if rereader, ok := b.ReadCloser.(router.Rereader); ok {
		rereader.Reread()
		b.left = b.limit
	}
}
