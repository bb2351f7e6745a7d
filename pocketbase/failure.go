package main

import "github.com/pocketbase/pocketbase/core"

// sendFailure answers in the shape the hooks' failures have (lib/http.js): PocketBase's error
// fields with data.reason a plain string. (A router.ApiError would turn data into validation
// errors, losing the reason.)
func sendFailure(e *core.RequestEvent, status int, reason, message string) error {
	return e.JSON(status, map[string]any{
		"status":  status,
		"message": message,
		"data":    map[string]any{"reason": reason},
	})
}
