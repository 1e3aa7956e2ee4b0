//! Step 4: build your own executor. Filled in by the Step 4 chapter's work.
