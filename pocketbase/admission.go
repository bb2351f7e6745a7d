package main

// Admission: at most a fixed number of API requests run at once; the rest wait their turn.
// Invariants:
//   - at most `active` requests to /api/ run at a time (the live stream and /api/health are left
//     out: a stream is open for minutes and does no work, a health probe must not queue);
//   - a request that finds every slot taken waits, in arrival order, up to 10 s (TEND_ADMISSION_WAIT), then is
//     answered 503 "busy" with Retry-After (the device's backoff retries it: sync-errors.ts reads
//     any 5xx as transient). At most maxWaiting wait; any more are answered 503 at once;
//   - a request without a body (a pull) whose client went away while waiting leaves the line and
//     never runs. One with a body runs when its turn comes: Go sees a client leave only once the
//     body is read, which happens in the handler. That is harmless: every write the device sends
//     is idempotent by its client id.
//
// Why: past the JS hooks' prewarmed pool (--hooksPool), PocketBase builds a new JS runtime for
// every hook call, and every request running holds its own SQLite connection with a page cache of
// up to 32 MB. Offered more swaps than it could answer, the server did more work per swap the
// further behind it fell (measured in bench-soak.js: a 2-minute overload went from p95 67 ms to
// 4.9 s, with 85 SQLite connections open). Waiting in line costs a goroutine; running costs a
// runtime and a connection.
//
// TEND_ACTIVE_REQUESTS sets the number of slots (0: no limit, for measuring side by side); by
// default a third of --hooksPool, since one request can run up to three hooks nested (a route,
// the record's create hook and its validation).

import (
	"fmt"
	"log"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

const (
	defaultAdmissionWait = 10 * time.Second
	maxWaiting           = 5000
)

type admission struct {
	slots   chan struct{} // nil: no limit
	wait    time.Duration
	waiting atomic.Int64
}

// newAdmission reads TEND_ACTIVE_REQUESTS (slots) and TEND_ADMISSION_WAIT (a Go duration, for
// tests; 10s by default); a wrong value stops the server with a message.
func newAdmission(activeSetting, waitSetting string, hooksPool int) *admission {
	active, err := activeRequestsOf(activeSetting, hooksPool)
	if err != nil {
		log.Fatal(err)
	}
	wait := defaultAdmissionWait
	if strings.TrimSpace(waitSetting) != "" {
		wait, err = time.ParseDuration(strings.TrimSpace(waitSetting))
		if err != nil || wait <= 0 {
			log.Fatalf("TEND_ADMISSION_WAIT must be a duration such as 10s, not %q", waitSetting)
		}
	}
	if active == 0 {
		return &admission{wait: wait}
	}
	return &admission{slots: make(chan struct{}, active), wait: wait}
}

func activeRequestsOf(setting string, hooksPool int) (int, error) {
	setting = strings.TrimSpace(setting)
	if setting == "" {
		return max(hooksPool/3, 2), nil
	}
	n, err := strconv.Atoi(setting)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("TEND_ACTIVE_REQUESTS must be a whole number ≥ 0 (0: no limit), not %q", setting)
	}
	return n, nil
}

func admitted(path string) bool {
	return strings.HasPrefix(path, "/api/") && path != livePath && path != "/api/health"
}

// busy answers a request that waited too long or found the line full.
func busy(e *core.RequestEvent) error {
	e.Response.Header().Set("Retry-After", "5")
	return sendFailure(e, http.StatusServiceUnavailable, "busy",
		"Tend is busy. Your change is kept and will be sent again in a moment.")
}

func (a *admission) middleware() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "tendAdmission",
		// after the rate limit and the body limits (a refused request never takes a place in line)
		Priority: apis.DefaultRateLimitMiddlewarePriority + 7,
		Func: func(e *core.RequestEvent) error {
			if a.slots == nil || !admitted(e.Request.URL.Path) {
				return e.Next()
			}
			select {
			case a.slots <- struct{}{}:
			default:
				if a.waiting.Add(1) > maxWaiting {
					a.waiting.Add(-1)
					return busy(e)
				}
				timer := time.NewTimer(a.wait)
				select {
				case a.slots <- struct{}{}:
					a.waiting.Add(-1)
					timer.Stop()
				case <-timer.C:
					a.waiting.Add(-1)
					return busy(e)
				case <-e.Request.Context().Done():
					a.waiting.Add(-1)
					timer.Stop()
					return e.Request.Context().Err()
				}
			}
			defer func() { <-a.slots }()
			return e.Next()
		},
	}
}
