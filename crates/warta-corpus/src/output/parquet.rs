//! Parquet output, for Spark, DuckDB and pandas: the main fields as flat string columns, plus
//! the whole article JSON in `article`, so nothing is lost. Rows are written in row groups of
//! [`ROWS_PER_GROUP`], so memory stays bounded; the file is valid once the run ends (Ctrl-C
//! included), not while it is being written.

use std::fs::File;
use std::io;
use std::sync::Arc;

use crate::record::Record;
use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

const ROWS_PER_GROUP: usize = 2000;
/// A row group is also closed once its strings reach this many bytes.
const BYTES_PER_GROUP: usize = 64 * 1024 * 1024;

const COLUMNS: [&str; 20] = [
    "id",
    "input",
    "url",
    "canonical_url",
    "fetched",
    "title",
    "authors",
    "site_name",
    "published",
    "language",
    "section",
    "description",
    "page_type",
    "text",
    "fingerprint",
    "duplicate_of",
    "warnings",
    "error_kind",
    "error_message",
    "article",
];

pub struct ParquetSink {
    writer: SerializedFileWriter<File>,
    rows: Vec<[Option<String>; COLUMNS.len()]>,
    bytes: usize,
}

fn to_io(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(e.to_string())
}

impl ParquetSink {
    pub fn create(file: File) -> io::Result<ParquetSink> {
        let fields: String = COLUMNS
            .iter()
            .map(|c| format!("OPTIONAL BYTE_ARRAY {c} (UTF8); "))
            .collect();
        let schema =
            parse_message_type(&format!("message article {{ {fields}}}")).map_err(to_io)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_created_by(concat!("warta ", env!("CARGO_PKG_VERSION")).into())
            .build();
        let writer =
            SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).map_err(to_io)?;
        Ok(ParquetSink {
            writer,
            rows: Vec::new(),
            bytes: 0,
        })
    }

    /// Adds a record; `json` is its JSON.
    pub fn write(&mut self, r: &Record, json: &str) -> io::Result<()> {
        let join = |v: Vec<String>, sep: &str| (!v.is_empty()).then(|| v.join(sep));
        let a = &r.article;
        let row = [
            r.id.clone(),
            r.input.clone(),
            a.url.clone(),
            a.canonical_url.clone(),
            r.fetched.clone(),
            a.title.clone(),
            join(a.authors.iter().map(|p| p.name.clone()).collect(), "; "),
            a.site_name.clone(),
            a.published.clone(),
            a.language.clone(),
            a.section.clone(),
            a.description.clone(),
            a.page_type
                .and_then(|t| serde_json::to_value(t).ok())
                .and_then(|v| v.as_str().map(str::to_string)),
            (!a.text.is_empty()).then(|| a.text.clone()),
            r.fingerprint.clone(),
            r.duplicate_of.clone(),
            join(a.warnings.iter().map(|w| w.to_string()).collect(), "\n"),
            r.error.as_ref().map(|e| e.kind.clone()),
            r.error.as_ref().map(|e| e.message.clone()),
            Some(json.to_string()),
        ];
        self.bytes += row.iter().flatten().map(String::len).sum::<usize>();
        self.rows.push(row);
        if self.rows.len() >= ROWS_PER_GROUP || self.bytes >= BYTES_PER_GROUP {
            self.write_group()?;
        }
        Ok(())
    }

    fn write_group(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(to_io)?;
        let mut column = 0;
        while let Some(mut col) = group.next_column().map_err(to_io)? {
            let mut values = Vec::new();
            let mut levels = Vec::with_capacity(self.rows.len());
            for row in &self.rows {
                match &row[column] {
                    Some(v) => {
                        values.push(ByteArray::from(v.as_bytes().to_vec()));
                        levels.push(1);
                    }
                    None => levels.push(0),
                }
            }
            col.typed::<ByteArrayType>()
                .write_batch(&values, Some(&levels), None)
                .map_err(to_io)?;
            col.close().map_err(to_io)?;
            column += 1;
        }
        group.close().map_err(to_io)?;
        self.rows.clear();
        self.bytes = 0;
        Ok(())
    }

    /// Writes the last row group and the footer.
    pub fn finish(mut self) -> io::Result<()> {
        self.write_group()?;
        self.writer.close().map_err(to_io)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn rows_round_trip_through_a_parquet_file() {
        let path =
            std::env::temp_dir().join(format!("warta-parquet-{}.parquet", std::process::id()));
        let mut sink = ParquetSink::create(File::create(&path).unwrap()).unwrap();
        for n in 0..(ROWS_PER_GROUP + 5) {
            let mut r = Record::failed(Some(format!("r{n}")), None, "read", String::new());
            r.error = None;
            r.article.text = format!("text {n}");
            sink.write(&r, &serde_json::to_string(&r).unwrap()).unwrap();
        }
        sink.write(
            &Record::failed(Some("bad".into()), None, "read", "gone".into()),
            "{}",
        )
        .unwrap();
        sink.finish().unwrap();
        let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows(), ROWS_PER_GROUP as i64 + 6);
        assert_eq!(meta.num_row_groups(), 2);
        let last = reader
            .get_row_iter(None)
            .unwrap()
            .last()
            .unwrap()
            .unwrap()
            .to_string();
        assert!(last.contains("error_kind: \"read\""), "{last}");
        std::fs::remove_file(&path).unwrap();
    }
}
