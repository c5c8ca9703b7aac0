//! Issue 19: ingesting 100,000 documents peaked at 550 MB in one run and
//! 634 MB in the next (`benches/million.sh`), because glibc, once a large
//! block had been freed, served later large blocks from its arenas and kept
//! them there. After [`undoc_alloc::bound_for_this_process`] a large block
//! freed first does not change where the next one comes from: its own
//! mapping, unmapped when it is freed.
//!
//! A test binary of its own (`harness = false`): the settings are made
//! before any other thread exists, as `main` makes them.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn main() {
    let Some(settings) = undoc_alloc::bound_for_this_process() else {
        panic!("glibc refused the settings");
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert_eq!(settings.arenas, cores);
    assert_eq!(settings.mmap_threshold, 128 * 1024);

    // Freeing a large mapped block is what raised glibc's threshold to its
    // size; then a smaller block, still over 128 KiB, came from the heap.
    let first = vec![1u8; 8 << 20];
    drop(std::hint::black_box(first));
    let block = std::hint::black_box(vec![2u8; 1 << 20]);
    let address = block.as_ptr() as usize;

    let maps = match std::fs::read_to_string("/proc/self/maps") {
        Ok(maps) => maps,
        Err(e) => panic!("/proc/self/maps: {e}"),
    };
    let Some(mapping) = maps.lines().find(|line| {
        let range = line.split_whitespace().next().unwrap_or("");
        let (start, end) = range.split_once('-').unwrap_or(("0", "0"));
        let start = usize::from_str_radix(start, 16).unwrap_or(0);
        let end = usize::from_str_radix(end, 16).unwrap_or(0);
        (start..end).contains(&address)
    }) else {
        panic!("no mapping holds the block at {address:#x}");
    };
    let start = usize::from_str_radix(mapping.split('-').next().unwrap_or(""), 16).unwrap_or(0);
    assert!(
        !mapping.ends_with("[heap]") && address - start < 4096,
        "a 1 MiB block after an 8 MiB one was freed should have a mapping of its own; \
         it is {:#x} bytes into {mapping}",
        address - start
    );
    drop(block);
    println!("large_blocks: a 1 MiB block after a freed 8 MiB one is mapped on its own: ok");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() {
    assert_eq!(undoc_alloc::bound_for_this_process(), None);
}
