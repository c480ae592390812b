//! `warta batch` under a real Ctrl-C (SIGINT): the run stops cleanly with a valid output, and
//! `--resume` completes it to exactly what an uninterrupted run writes.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use warta_corpus::warc::writer::{Compress, WarcWriter};

const PAGES: usize = 300;

/// Pages long enough that the output buffer is flushed (so the run is seen to be under way)
/// well before the end.
fn page(n: usize) -> String {
    let paragraphs: String = (0..40)
        .map(|i| {
            format!(
                "<p>Item {i} of meeting {n}: the council agreed to repaint the footbridge over \
                 the canal before the summer festival, and put off a decision on the \
                 library's opening hours until the next meeting.</p>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>Council notes {n}</title></head><body><article>\
         <h1>Council notes, meeting {n}</h1>{paragraphs}</article></body></html>"
    )
}

fn lines(path: &PathBuf) -> Vec<serde_json::Value> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a whole JSON record"))
        .collect()
}

#[test]
fn ctrl_c_leaves_a_valid_output_and_resume_completes_it() {
    if !PathBuf::from("/bin/kill").exists() && !PathBuf::from("/usr/bin/kill").exists() {
        eprintln!("skipped: no kill command to send SIGINT with");
        return;
    }
    let dir = std::env::temp_dir().join(format!("warta-batch-interrupt-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    for n in 0..PAGES {
        w.write_response(
            &format!("https://council.example/{n}"),
            "2024-02-01T09:00:00Z",
            &[("Content-Type", "text/html")],
            page(n).as_bytes(),
        )
        .unwrap();
    }
    let warc = dir.join("notes.warc.gz");
    fs::write(&warc, w.finish().unwrap()).unwrap();
    let out = dir.join("out.jsonl");
    let batch = |extra: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_warta"));
        c.arg("batch")
            .arg(&warc)
            .arg("-o")
            .arg(&out)
            .args(["--jobs", "2"]);
        c.args(extra).stderr(Stdio::piped());
        c
    };

    let mut child = batch(&[]).spawn().unwrap();
    // Interrupt once the first records reach the file, or give up waiting after a while.
    for _ in 0..200 {
        if fs::metadata(&out).is_ok_and(|m| m.len() > 0) || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let first = child.wait_with_output().unwrap();
    let stopped = lines(&out);
    match first.status.code() {
        Some(130) => assert!(stopped.len() < PAGES, "interrupted yet complete"),
        Some(0) => assert_eq!(stopped.len(), PAGES),
        other => panic!(
            "unexpected exit {other:?}: {}",
            String::from_utf8_lossy(&first.stderr)
        ),
    }

    let second = batch(&["--resume"]).output().unwrap();
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let resumed = lines(&out);
    let urls: Vec<String> = resumed
        .iter()
        .map(|r| r["url"].as_str().unwrap_or_default().to_string())
        .collect();
    let expected: Vec<String> = (0..PAGES)
        .map(|n| format!("https://council.example/{n}"))
        .collect();
    assert_eq!(urls, expected);
    fs::remove_dir_all(&dir).unwrap();
}
