//! The `bitext` command line: parse arguments, run the library, map errors to exit codes.

mod cli;

/// mimalloc serves the many small allocations of anchors, stems and sentences faster than the
/// system allocator, with threads allocating side by side. Built without transparent huge
/// pages (`no_thp`): with them the kernel clears two megabytes for each page first touched,
/// which cost more than it saved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
