/*!
The C allocator's settings for an undoc process that writes in bulk (the
commands `undoc`'s `Command::writes_in_bulk` names), made in `main` before
any thread starts.

Rust's allocations go to glibc's `malloc` on Linux, and two of its defaults
made an ingest's peak memory a matter of thread timing rather than of work:

- **Arenas**: a thread that finds the arena it would use locked gets one of
  its own, up to eight per core. A block freed in one arena serves only that
  arena's threads; the parse workers, the index writer and its four merge
  threads each kept their own freed memory resident.
- **The mmap threshold**: blocks of 128 KiB and more are mapped, and given
  back on `free` — until one is freed, after which glibc raises the
  threshold to that block's size (up to 32 MiB) and its trim threshold to
  twice that. From then on the index writer's 1 MiB buffers, a merge's
  buffers and the postings the writer reads by copy come from the arenas,
  and stay there once freed.

The same 100,000-document slice ingested twice took 550 and 634 MB at its
peak; across ten slices into a store growing to a million documents the
peaks ranged from 498 to 714 MB. With one arena per core and the threshold
held at 128 KiB, the slice peaks at 246 MB, and the million's slices at
248–292 MB.

Searching is left on glibc's defaults: a search's large buffers (facet
counts, the page's stored documents) are reused from the heap there, where
held at the threshold each is mapped and faulted in anew, and the search
tail at a million documents was longer (ARCHITECTURE.md, Figures).

Elsewhere (another C library, another OS) nothing is changed.
*/

/// What [`bound_for_this_process`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The most arenas glibc may create: one per core.
    pub arenas: usize,
    /// Blocks of this many bytes and more are mapped, and unmapped on free.
    pub mmap_threshold: usize,
}

/// Blocks at or above this size get their own mapping: glibc's own starting
/// value, held there instead of raised by the first large free.
pub const MMAP_THRESHOLD: usize = 128 * 1024;

/// Bounds glibc's arenas and holds its mmap threshold (see the crate's
/// documentation). Call it in `main` before any thread starts: arenas
/// already created stay.
/// Returns what was set, or `None` where the allocator is not glibc's or
/// refused a setting.
pub fn bound_for_this_process() -> Option<Settings> {
    let arenas = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1);
    glibc::set(arenas, MMAP_THRESHOLD).then_some(Settings {
        arenas,
        mmap_threshold: MMAP_THRESHOLD,
    })
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    /// Whether glibc took both settings.
    #[allow(unsafe_code)]
    pub fn set(arenas: usize, mmap_threshold: usize) -> bool {
        let (Ok(arenas), Ok(threshold)) = (
            libc::c_int::try_from(arenas),
            libc::c_int::try_from(mmap_threshold),
        ) else {
            return false;
        };
        // SAFETY: `mallopt` takes plain integers and only changes the
        // parameters of later allocations; it takes malloc's own lock, so it
        // is sound with other threads allocating (arenas they already made
        // stay, which is why it is called before any is started).
        let took_arenas = unsafe { libc::mallopt(libc::M_ARENA_MAX, arenas) };
        // SAFETY: as above.
        let took_threshold = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, threshold) };
        took_arenas == 1 && took_threshold == 1
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod glibc {
    pub fn set(_arenas: usize, _mmap_threshold: usize) -> bool {
        false
    }
}
