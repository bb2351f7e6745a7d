package main

// Profiling, for measuring only: TEND_PPROF=127.0.0.1:6060 serves Go's pprof handlers
// (/debug/pprof/...) on that loopback address, apart from the app's own listener, so a bench can
// take a CPU or heap profile of a running server (scripts/profile-swaps.js), and
// /debug/tend/memory answers Go's memory figures and each database's connection pool
// (scripts/bench-soak.js). Unset, nothing
// listens. Any address that is not loopback stops the server: a profile shows what the server
// is doing and holds, and never leaves the machine.

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

func startProfiling(app core.App, addr string) {
	if addr == "" {
		return
	}
	if err := loopbackOnly(addr); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/tend/memory", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(memoryFigures(app))
	})
	go func() {
		if err := http.ListenAndServe(addr, mux); err != nil {
			log.Printf("TEND_PPROF: %v", err)
		}
	}()
}

func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("TEND_PPROF must be host:port on loopback, not %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("TEND_PPROF must be a loopback address (127.0.0.1:port), not %q", addr)
	}
	return nil
}

type poolFigures struct {
	Open  int `json:"open"`
	InUse int `json:"inUse"`
	Idle  int `json:"idle"`
}

func poolOf(db dbx.Builder) poolFigures {
	d, ok := db.(*dbx.DB)
	if !ok {
		return poolFigures{}
	}
	var stats sql.DBStats = d.DB().Stats()
	return poolFigures{Open: stats.OpenConnections, InUse: stats.InUse, Idle: stats.Idle}
}

// memoryFigures: Go's heap in use and all it has from the system (MB), and each database's pool.
func memoryFigures(app core.App) map[string]any {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	const mb = 1 << 20
	return map[string]any{
		"goHeapMb":   float64(m.HeapInuse) / mb,
		"goSysMb":    float64(m.Sys) / mb,
		"goroutines": runtime.NumGoroutine(),
		"data":       poolOf(app.ConcurrentDB()),
		"aux":        poolOf(app.AuxConcurrentDB()),
	}
}
