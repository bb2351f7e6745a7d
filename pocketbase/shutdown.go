package main

// A graceful stop that devices read as "try again", never as a refusal. Invariants:
//   - once the server is told to stop (SIGTERM, Ctrl-C), every new request is answered 503 with
//     Retry-After (the device's backoff retries it; a 400 would mark its change refused);
//   - requests already running are given up to drainTimeout to finish before PocketBase cancels
//     them and closes the database, so a batch in flight commits and is acknowledged;
//   - one that is cancelled anyway is answered 503, not PocketBase's 400 "Batch transaction
//     failed." (nothing of it was committed: the transaction rolled back).
// Streams (GET /api/tend/live, /api/realtime) never end on their own and are not waited for.

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

const drainTimeout = 5 * time.Second

// stopping answers a request while the server stops: try again in a moment.
func stopping(e *core.RequestEvent) error {
	e.Response.Header().Set("Retry-After", "3")
	return sendFailure(e, http.StatusServiceUnavailable, "restarting",
		"Tend is restarting. Try again in a moment.")
}

type drainer struct {
	stopping atomic.Bool
	inFlight atomic.Int64
}

// middleware counts the requests in flight and answers 503 once the server is stopping.
func (d *drainer) middleware() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "tendDrain",
		Priority: apis.DefaultRateLimitMiddlewarePriority - 50,
		Func: func(e *core.RequestEvent) error {
			isStream := e.Request.Method == http.MethodGet &&
				(e.Request.URL.Path == "/api/realtime" || e.Request.URL.Path == livePath)
			if !isStream {
				d.inFlight.Add(1)
				defer d.inFlight.Add(-1)
			}
			if d.stopping.Load() {
				return stopping(e)
			}
			err := e.Next()
			if err != nil && d.stopping.Load() && e.Request.Context().Err() != nil {
				return stopping(e)
			}
			return err
		},
	}
}

// terminate marks the server stopping and waits for the requests in flight (bounded).
func (d *drainer) terminate() *hook.Handler[*core.TerminateEvent] {
	return &hook.Handler[*core.TerminateEvent]{
		Id: "tendDrain",
		// before PocketBase's own graceful shutdown (-9999), which cancels every request at once
		Priority: -10000,
		Func: func(e *core.TerminateEvent) error {
			d.stopping.Store(true)
			deadline := time.Now().Add(drainTimeout)
			for d.inFlight.Load() > 0 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			return e.Next()
		},
	}
}
