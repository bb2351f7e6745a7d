package main

// The data epoch: a random id that changes whenever a backup is restored, so devices know the
// server may have lost what it acknowledged after that backup. Devices keep what the server
// acknowledged for 7 days and send it again when the epoch they see in the live stream's hello is
// not the one they saw before (replays are harmless by client id), so a restore from last night's
// backup comes back whole once the phones sync.
//
// It lives in its own file in pb_data, left out of every restore (so the restored data never
// brings back an old epoch) and written anew just before PocketBase swaps the data in. A restore
// by hand (copying files into pb_data) does not change it: restore through PocketBase.

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

const epochFile = "tend_epoch"

type dataEpoch struct {
	mu    sync.RWMutex
	value string
}

func (d *dataEpoch) get() string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.value
}

func (d *dataEpoch) set(value string) {
	d.mu.Lock()
	d.value = value
	d.mu.Unlock()
}

func epochPath(app core.App) string { return filepath.Join(app.DataDir(), epochFile) }

func writeEpoch(app core.App, value string) error {
	path := epochPath(app)
	temp := path + ".tmp"
	if err := os.WriteFile(temp, []byte(value+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(temp, path)
}

// loadEpoch reads the epoch, making one on the first start.
func loadEpoch(app core.App) (string, error) {
	raw, err := os.ReadFile(epochPath(app))
	if err == nil {
		if value := strings.TrimSpace(string(raw)); value != "" {
			return value, nil
		}
	} else if !os.IsNotExist(err) {
		return "", err
	}
	value := security.RandomString(15)
	return value, writeEpoch(app, value)
}

func bindEpoch(app core.App) *dataEpoch {
	epoch := &dataEpoch{}
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		value, err := loadEpoch(e.App)
		if err != nil {
			return err
		}
		epoch.set(value)
		return nil
	})
	app.OnBackupRestore().BindFunc(func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, epochFile, epochFile+".tmp")
		previous := epoch.get()
		next := security.RandomString(15)
		if err := writeEpoch(e.App, next); err != nil {
			return err
		}
		// a restore that succeeds restarts the process, which reads the new epoch
		err := e.Next()
		if err != nil {
			_ = writeEpoch(e.App, previous)
		}
		return err
	})
	return epoch
}
