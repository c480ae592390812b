//! Where records go: a JSONL file (or standard output), a directory of Markdown or text files
//! with an `index.jsonl` (both can be resumed: what is already there is read back first), or a
//! Parquet file (cargo feature `parquet`; not resumable).

#[cfg(feature = "parquet")]
mod parquet;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use warta_core::{ErrorInfo, Format};

use crate::record::Record;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One article JSON per line.
    Jsonl,
    /// A directory: one Markdown file per article, plus `index.jsonl`.
    Markdown,
    /// A directory: one text file per article, plus `index.jsonl`.
    Text,
    /// A Parquet file: main fields as columns, plus the article JSON.
    #[cfg(feature = "parquet")]
    Parquet,
}

impl OutputFormat {
    /// What a worker renders for the sink (done in parallel, off the writer thread).
    pub fn render(self, record: &Record) -> String {
        match self {
            OutputFormat::Jsonl => record.render(Format::Jsonl),
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet => record.render(Format::Jsonl),
            OutputFormat::Markdown => record.render(Format::Markdown),
            OutputFormat::Text => record.render(Format::Text),
        }
    }
}

/// A record already in the output, as `--resume` reads it back.
#[derive(Debug, Default, Deserialize)]
pub struct Prior {
    pub id: Option<String>,
    pub input: Option<String>,
    #[serde(default)]
    pub text: String,
    pub fingerprint: Option<String>,
}

impl Prior {
    pub fn key(&self) -> Option<&str> {
        self.id.as_deref().or(self.input.as_deref())
    }
}

pub enum Sink {
    Jsonl(BufWriter<Box<dyn Write + Send>>),
    Dir {
        dir: PathBuf,
        extension: &'static str,
        index: BufWriter<File>,
        next_file: u64,
    },
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet::ParquetSink>),
}

/// One line of a directory output's `index.jsonl`.
#[derive(Serialize)]
struct IndexLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a ErrorInfo>,
}

impl Sink {
    /// Opens the output. With `resume`, each record already there is handed to `prior` and new
    /// records are appended; without it, the output is started afresh.
    pub fn open(
        target: Option<&Path>,
        format: OutputFormat,
        resume: bool,
        prior: &mut dyn FnMut(Prior),
    ) -> io::Result<Sink> {
        match (format, target) {
            #[cfg(feature = "parquet")]
            (OutputFormat::Parquet, target) => {
                let Some(path) = target.filter(|p| p.as_os_str() != "-") else {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "Parquet output needs a file (-o FILE)",
                    ));
                };
                if resume {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "Parquet output cannot be resumed; write JSONL to resume",
                    ));
                }
                Ok(Sink::Parquet(Box::new(parquet::ParquetSink::create(
                    File::create(path)?,
                )?)))
            }
            (OutputFormat::Jsonl, None) => Ok(Sink::Jsonl(BufWriter::new(Box::new(io::stdout())))),
            (OutputFormat::Jsonl, Some(path)) if path.as_os_str() == "-" => {
                Ok(Sink::Jsonl(BufWriter::new(Box::new(io::stdout()))))
            }
            (OutputFormat::Jsonl, Some(path)) => {
                let file = if resume && path.exists() {
                    read_back(path, prior)?;
                    OpenOptions::new().append(true).open(path)?
                } else {
                    File::create(path)?
                };
                Ok(Sink::Jsonl(BufWriter::with_capacity(
                    256 * 1024,
                    Box::new(file),
                )))
            }
            (OutputFormat::Markdown | OutputFormat::Text, None) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "Markdown and text output need a directory (-o DIR)",
            )),
            (OutputFormat::Markdown | OutputFormat::Text, Some(dir)) => {
                fs::create_dir_all(dir)?;
                let index_path = dir.join("index.jsonl");
                let mut next_file = 0;
                let index = if resume && index_path.exists() {
                    next_file = read_back(&index_path, &mut |p| prior(p))?;
                    OpenOptions::new().append(true).open(&index_path)?
                } else {
                    File::create(&index_path)?
                };
                Ok(Sink::Dir {
                    dir: dir.to_path_buf(),
                    extension: if format == OutputFormat::Markdown {
                        "md"
                    } else {
                        "txt"
                    },
                    index: BufWriter::new(index),
                    next_file,
                })
            }
        }
    }

    /// Writes one record: `rendered` is [`OutputFormat::render`] of `record`.
    pub fn write(&mut self, record: &Record, rendered: &str) -> io::Result<()> {
        match self {
            Sink::Jsonl(out) => {
                out.write_all(rendered.as_bytes())?;
                out.write_all(b"\n")
            }
            Sink::Dir {
                dir,
                extension,
                index,
                next_file,
            } => {
                let file = record
                    .error
                    .is_none()
                    .then(|| format!("{next_file:08}.{extension}"));
                *next_file += 1;
                if let Some(name) = &file {
                    fs::write(dir.join(name), rendered)?;
                }
                let line = IndexLine {
                    file: file.as_deref(),
                    id: record.id.as_deref(),
                    input: record.input.as_deref(),
                    url: record.article.url.as_deref(),
                    title: record.article.title.as_deref(),
                    fingerprint: record.fingerprint.as_deref(),
                    duplicate_of: record.duplicate_of.as_deref(),
                    error: record.error.as_ref(),
                };
                serde_json::to_writer(&mut *index, &line)?;
                index.write_all(b"\n")
            }
            #[cfg(feature = "parquet")]
            Sink::Parquet(p) => p.write(record, rendered),
        }
    }

    /// Flushes what is buffered and closes the output (a Parquet file gets its footer).
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Jsonl(mut out) => out.flush(),
            Sink::Dir { mut index, .. } => index.flush(),
            #[cfg(feature = "parquet")]
            Sink::Parquet(p) => p.finish(),
        }
    }
}

/// Reads the records of a JSONL file back, after cutting off a last line left half-written by a
/// killed run. Returns how many records there are.
fn read_back(path: &Path, prior: &mut dyn FnMut(Prior)) -> io::Result<u64> {
    cut_partial_last_line(path)?;
    let mut count = 0;
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        // A line that is not a record cannot be matched; it is kept as it is.
        if let Ok(p) = serde_json::from_str::<Prior>(&line) {
            prior(p);
        }
        count += 1;
    }
    Ok(count)
}

fn cut_partial_last_line(path: &Path) -> io::Result<()> {
    let mut file = OpenOptions::new().read(true).write(true).open(path)?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    // Look back in growing steps for the last newline.
    let mut window = 4096u64;
    loop {
        let start = len.saturating_sub(window);
        file.seek(SeekFrom::Start(start))?;
        let mut tail = Vec::new();
        io::Read::read_to_end(&mut file, &mut tail)?;
        if tail.last() == Some(&b'\n') {
            return Ok(());
        }
        if let Some(nl) = tail.iter().rposition(|&b| b == b'\n') {
            return file.set_len(start + nl as u64 + 1);
        }
        if start == 0 {
            return file.set_len(0);
        }
        window *= 4;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_half_written_last_line_is_cut_on_resume() {
        let dir = std::env::temp_dir().join(format!("warta-corpus-out-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        fs::write(&path, "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"te").unwrap();
        let mut keys = Vec::new();
        let sink = Sink::open(Some(&path), OutputFormat::Jsonl, true, &mut |p| {
            keys.push(p.key().map(str::to_string))
        });
        drop(sink);
        assert_eq!(keys, [Some("a".to_string())]);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "{\"id\":\"a\",\"text\":\"x\"}\n"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
