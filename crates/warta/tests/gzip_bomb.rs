//! Regression: `warta extract page.html.gz` inflated without a cap (a 9 MB file took 3 GB of
//! memory). It now stops at the library's input limit, so a bomb costs 16 MiB and a moment.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_gzip_bomb_is_inflated_only_up_to_the_input_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.html.gz");
    // 16 GiB of spaces after a small page, as 16,384 gzip members of 1 MiB each (about 16 MB):
    // uncapped, that is minutes of work and more memory than the machine has.
    let mut page = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    page.write_all(b"<html><body><article><h1>Bomb</h1><p>A short made-up paragraph that is here to be read.</p></article>").unwrap();
    let mut file = page.finish().unwrap();
    let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    member.write_all(&vec![b' '; 1024 * 1024]).unwrap();
    let member = member.finish().unwrap();
    for _ in 0..16_384 {
        file.extend_from_slice(&member);
    }
    std::fs::write(&path, &file).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("extract")
        .arg(&path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("still inflating after a minute: the cap is gone");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(article["title"], "Bomb");
    let warnings = article["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("cut to"))),
        "the cut is said: {warnings:?}"
    );
}
