//! One writer at a time on an embedded store.
//!
//! SQLite serializes its own transactions, but a writer's work spans more than
//! one: the original files, the batches, and the search index's commit (whose
//! own lock file tantivy refuses at once, with `LockBusy`, to a second writer).
//! Writers — `undoc ingest`, `import-marc`, `reindex`, `gc`, a server's upload —
//! first take this lock on the store folder, waiting their turn for a bounded
//! time, and otherwise fail with [`StoreError::Busy`], which callers report as
//! "store busy" (exit 1, or 503 with `Retry-After` on the API). The lock is the
//! operating system's (`flock`), so a writer killed with `kill -9` releases it.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::{Result, StoreError};

/// The lock file's name inside the store folder.
pub const LOCK_FILE: &str = "write.lock";

/// Held while writing; dropping it lets the next writer in.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(50);

/// Takes the store's write lock, waiting at most `wait`; `waiting` is called
/// once if the lock is not free at first (to tell the user why nothing moves).
pub fn acquire(dir: &Path, wait: Duration, waiting: impl FnOnce()) -> Result<WriteLock> {
    std::fs::create_dir_all(dir)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    let started = Instant::now();
    let mut waiting = Some(waiting);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriteLock { _file: file }),
            Err(TryLockError::WouldBlock) => {
                if let Some(tell) = waiting.take() {
                    tell();
                }
                if started.elapsed() >= wait {
                    return Err(StoreError::Busy(format!(
                        "another undoc is writing to it (waited {} s); try again when it has finished",
                        wait.as_secs()
                    )));
                }
                std::thread::sleep(POLL);
            }
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
    }
}

/// Takes the lock only if it is free now.
pub fn try_acquire(dir: &Path) -> Result<Option<WriteLock>> {
    match acquire(dir, Duration::ZERO, || {}) {
        Ok(lock) => Ok(Some(lock)),
        Err(StoreError::Busy(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_is_told_the_store_is_busy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = acquire(dir.path(), Duration::ZERO, || {}).expect("first");
        let mut told = false;
        let second = acquire(dir.path(), Duration::from_millis(120), || told = true);
        assert!(matches!(second, Err(StoreError::Busy(_))), "{second:?}");
        assert!(told, "the waiting writer is told why it waits");
        drop(first);
        assert!(acquire(dir.path(), Duration::ZERO, || {}).is_ok());
    }
}
