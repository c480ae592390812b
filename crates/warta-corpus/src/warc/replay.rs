//! A buffered reader that can give back the bytes of a gzip member that turned out corrupt, so
//! the search for the next member starts right after the bad member's first byte instead of
//! wherever the decoder happened to stop (which may be deep inside the next members).

use std::io::{self, BufRead, Read};

/// The bytes of one member kept for a rewind; a bigger member is not kept (a rewind then
/// resumes from where the decoder stopped).
const MAX_RECORDED: usize = 64 * 1024 * 1024;

pub struct Replay<R> {
    inner: R,
    /// Bytes to serve before `inner`'s: given back by a rewind, or gathered by `peek`.
    pending: Vec<u8>,
    pending_pos: usize,
    recording: Option<Vec<u8>>,
    /// Bytes consumed from the start of the stream, rewinds taken into account.
    position: u64,
}

impl<R: BufRead> Replay<R> {
    pub fn new(inner: R) -> Self {
        Replay {
            inner,
            pending: Vec::new(),
            pending_pos: 0,
            recording: None,
            position: 0,
        }
    }

    pub fn position(&self) -> u64 {
        self.position
    }

    /// Starts keeping what is consumed, for a possible [`Replay::rewind`].
    pub fn start_recording(&mut self) {
        let mut buf = self.recording.take().unwrap_or_default();
        buf.clear();
        self.recording = Some(buf);
    }

    /// Gives back everything consumed since `start_recording` but its first byte, so the next
    /// read starts one byte after where recording began. Returns false when the recording was
    /// too large to keep (nothing is given back then).
    pub fn rewind(&mut self) -> bool {
        let Some(recorded) = self.recording.take() else {
            return false;
        };
        if recorded.is_empty() {
            return true;
        }
        let mut given_back = recorded[1..].to_vec();
        given_back.extend_from_slice(&self.pending[self.pending_pos..]);
        self.position -= given_back.len() as u64 - (self.pending.len() - self.pending_pos) as u64;
        self.pending = given_back;
        self.pending_pos = 0;
        true
    }

    pub fn stop_recording(&mut self) {
        self.recording = None;
    }

    /// At least `n` bytes in one slice, fewer only at end of stream.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.pending.len() - self.pending_pos < n {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let taken = chunk.len();
            self.pending.drain(..self.pending_pos);
            self.pending_pos = 0;
            self.pending.extend_from_slice(chunk);
            self.inner.consume(taken);
        }
        Ok(&self.pending[self.pending_pos..])
    }

    /// Skips to the next gzip member header (`1f 8b 08`); returns how many bytes were skipped.
    pub fn skip_to_gzip_magic(&mut self) -> io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            let buf = self.peek(3)?;
            if buf.len() < 3 {
                let n = buf.len();
                self.consume(n);
                return Ok(skipped + n as u64);
            }
            if buf.starts_with(&[0x1f, 0x8b, 0x08]) {
                return Ok(skipped);
            }
            let step = memchr_from(0x1f, buf, 1)
                .unwrap_or(buf.len().saturating_sub(2))
                .max(1);
            self.consume(step);
            skipped += step as u64;
        }
    }
}

fn memchr_from(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|i| i + from)
}

impl<R: BufRead> Read for Replay<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pending_pos < self.pending.len() {
            return Ok(&self.pending[self.pending_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.position += amt as u64;
        if self.pending_pos < self.pending.len() {
            let amt = amt.min(self.pending.len() - self.pending_pos);
            let taken = &self.pending[self.pending_pos..self.pending_pos + amt];
            record(&mut self.recording, taken);
            self.pending_pos += amt;
            if self.pending_pos == self.pending.len() {
                self.pending.clear();
                self.pending_pos = 0;
            }
            return;
        }
        if self.recording.is_some() {
            // The bytes just handed out by `fill_buf` are still at the head of the buffer.
            if let Ok(buf) = self.inner.fill_buf() {
                let amt = amt.min(buf.len());
                record(&mut self.recording, &buf[..amt]);
            }
        }
        self.inner.consume(amt);
    }
}

fn record(recording: &mut Option<Vec<u8>>, bytes: &[u8]) {
    if let Some(buf) = recording {
        if buf.len() + bytes.len() > MAX_RECORDED {
            *recording = None;
        } else {
            buf.extend_from_slice(bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewind_gives_back_all_but_the_first_byte() {
        let data = b"abcdefgh";
        let mut r = Replay::new(io::BufReader::with_capacity(3, &data[..]));
        r.start_recording();
        let mut first = [0u8; 5];
        r.read_exact(&mut first).unwrap();
        assert!(r.rewind());
        assert_eq!(r.position(), 1);
        let mut rest = Vec::new();
        r.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"bcdefgh");
        assert_eq!(r.position(), 8);
    }

    #[test]
    fn finds_magic_across_buffer_edges() {
        let mut data = vec![0u8; 10];
        data.extend_from_slice(&[0x1f, 0x00, 0x1f, 0x8b, 0x08, 0x42]);
        let mut r = Replay::new(io::BufReader::with_capacity(4, &data[..]));
        assert_eq!(r.skip_to_gzip_magic().unwrap(), 12);
        assert_eq!(r.peek(4).unwrap(), &[0x1f, 0x8b, 0x08, 0x42]);
    }
}
