//! The index folder as the index writer reads it: file ranges copied into
//! memory (`pread`) rather than mapped.
//!
//! A merge reads every byte of the segments it merges once, from start to
//! end. Through tantivy's `MmapDirectory` those pages stay in the process's
//! resident set until the merged segments are dropped: at a million
//! documents a merge of 160,000 documents' segments held 1.5 GB of them,
//! three times the memory of the whole ingest at 100,000 documents. Read by
//! copy, what a merge holds is the range it is working on; the files still
//! pass through the kernel's page cache, which keeps or drops them as it
//! would any file read. Searches keep the mapped directory: they come back to
//! the same term dictionaries and postings, which a mapping serves without a
//! system call.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// Reads shorter than this are served from a window of this many bytes read
/// ahead: a merge asks for each term's postings and positions in turn, a
/// few bytes each, one file after another, and a system call apiece would
/// cost more than the copy.
const WINDOW: usize = 256 * 1024;

/// An index folder whose files are read by copy; writes, locks and
/// watches are tantivy's `MmapDirectory`'s.
#[derive(Debug, Clone)]
pub struct CopyingDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl CopyingDirectory {
    pub fn open(dir: &Path) -> tantivy::Result<CopyingDirectory> {
        Ok(CopyingDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
        })
    }
}

impl Directory for CopyingDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?
            .len();
        let len = usize::try_from(len).map_err(|_| {
            OpenReadError::wrap_io_error(
                io::Error::new(io::ErrorKind::InvalidData, "file larger than memory"),
                path.to_path_buf(),
            )
        })?;
        Ok(Arc::new(CopiedFile {
            file,
            len,
            window: Mutex::new(Window::default()),
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// An open segment file, read by copy.
#[derive(Debug)]
struct CopiedFile {
    file: File,
    len: usize,
    window: Mutex<Window>,
}

/// The bytes last read ahead, from `start`.
#[derive(Debug, Default)]
struct Window {
    start: usize,
    bytes: Vec<u8>,
}

impl Window {
    fn holds(&self, range: &Range<usize>) -> bool {
        range.start >= self.start && range.end <= self.start + self.bytes.len()
    }
}

impl CopiedFile {
    fn check(&self, range: &Range<usize>) -> io::Result<()> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "bytes {}..{} asked of a file of {}",
                    range.start, range.end, self.len
                ),
            ));
        }
        Ok(())
    }

    fn read_exact(&self, range: Range<usize>) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; range.len()];
        self.file.read_exact_at(&mut bytes, range.start as u64)?;
        Ok(bytes)
    }
}

impl HasLen for CopiedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for CopiedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        self.check(&range)?;
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        if range.len() >= WINDOW {
            return Ok(OwnedBytes::new(self.read_exact(range)?));
        }
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        if !window.holds(&range) {
            let ahead = range.start..self.len.min(range.start + WINDOW);
            window.bytes.resize(ahead.len(), 0);
            self.file
                .read_exact_at(&mut window.bytes, ahead.start as u64)?;
            window.start = ahead.start;
        }
        let from = range.start - window.start;
        Ok(OwnedBytes::new(
            window.bytes[from..from + range.len()].to_vec(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, CopyingDirectory) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), bytes).unwrap();
        let directory = CopyingDirectory::open(dir.path()).unwrap();
        (dir, directory)
    }

    #[test]
    fn every_range_reads_what_the_file_holds() {
        let content: Vec<u8> = (0..3 * WINDOW + 17).map(|i| (i * 7 % 251) as u8).collect();
        let (_dir, directory) = file_of(&content);
        let handle = directory.get_file_handle(Path::new("f")).unwrap();
        assert_eq!(handle.len(), content.len());
        // Short reads forward, backward, across the window's end and to the
        // file's end; a long one; an empty one.
        let ranges = [
            0..10,
            5..WINDOW - 1,
            WINDOW - 3..WINDOW + 3,
            2..4,
            content.len() - 5..content.len(),
            WINDOW..3 * WINDOW,
            0..content.len(),
            content.len()..content.len(),
        ];
        for range in ranges {
            let read = handle.read_bytes(range.clone()).unwrap();
            assert_eq!(read.as_slice(), &content[range.clone()], "{range:?}");
        }
    }

    #[test]
    fn a_range_past_the_end_is_an_error_not_a_panic() {
        let (_dir, directory) = file_of(b"twelve bytes");
        let handle = directory.get_file_handle(Path::new("f")).unwrap();
        assert!(handle.read_bytes(10..13).is_err());
        assert!(handle.read_bytes(13..14).is_err());
        assert!(matches!(
            directory.get_file_handle(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
