//! Step 3: concurrency with tasks. Filled in by the Step 3 chapter's work.
