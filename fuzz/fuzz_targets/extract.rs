//! Feeds arbitrary bytes to `warta_core::extract`: any panic, overflow or hang is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta_core::{extract, InputKind, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options::default().with_input_kind(InputKind::Auto);
    // Errors are fine (empty input, binary data); only panics and crashes are findings.
    let _ = extract(data, &opts);
});
