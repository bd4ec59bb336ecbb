//! How much each gzip level and brotli quality saves, and what it costs, on a built site: the
//! measurement behind the precompression settings in `src/precompress.rs`.
//!
//!     cargo run --release --example compress_levels -- public/
//!
//! For every file thidua would precompress (HTML, CSS, JS, XML, JSON, SVG, TXT, CSV of at
//! least 256 bytes) it compresses the whole set at each setting, on one thread, and prints
//! the total size, the total CPU time and the bytes saved per millisecond compared with the
//! next cheaper setting. Brotli runs twice: with the 4 MiB window (lgwin 22) and with a window
//! fitted to each file.
#![allow(clippy::print_stdout, clippy::unwrap_used, missing_docs)]

use std::io::Write;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "public".into());
    let mut files: Vec<Vec<u8>> = Vec::new();
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        let ext = name.rsplit('.').next().unwrap_or_default();
        let text = matches!(
            ext,
            "html" | "css" | "js" | "mjs" | "xml" | "json" | "svg" | "txt" | "csv"
        );
        if e.file_type().is_file() && text {
            let bytes = std::fs::read(e.path()).unwrap();
            if bytes.len() >= 256 {
                files.push(bytes);
            }
        }
    }
    let total: usize = files.iter().map(Vec::len).sum();
    println!(
        "{} files, {:.1} MiB (largest {} KiB)",
        files.len(),
        total as f64 / 1048576.0,
        files.iter().map(Vec::len).max().unwrap_or(0) / 1024
    );
    println!("setting               size MiB  ratio   CPU ms  saved/ms vs previous");
    let mut prev: Option<(usize, f64)> = None;
    for level in [1u32, 2, 3, 4, 5, 6, 9] {
        let (size, ms) = measure(&files, |b| gzip(b, level));
        report(&format!("gzip -{level}"), size, ms, total, &mut prev);
    }
    prev = None;
    for level in [1i32, 4, 6, 9, 12] {
        let (size, ms) = measure(&files, |b| libdeflate_gzip(b, level));
        report(&format!("libdeflate -{level}"), size, ms, total, &mut prev);
    }
    prev = None;
    for q in [1u32, 2, 3, 4, 5, 6, 7, 9, 11] {
        let (size, ms) = measure(&files, |b| brotli(b, q, 22));
        report(&format!("brotli q{q} lgwin 22"), size, ms, total, &mut prev);
    }
    prev = None;
    for q in [1u32, 4, 5, 6, 7, 9, 11] {
        let (size, ms) = measure(&files, |b| brotli(b, q, fitted_window(b.len())));
        report(&format!("brotli q{q} fitted"), size, ms, total, &mut prev);
    }
    for lgwin in [16u32, 18, 20] {
        prev = None;
        for q in [5u32, 6] {
            let (size, ms) = measure(&files, |b| brotli(b, q, lgwin));
            report(
                &format!("brotli q{q} lgwin {lgwin}"),
                size,
                ms,
                total,
                &mut prev,
            );
        }
    }
}

fn report(name: &str, size: usize, ms: f64, total: usize, prev: &mut Option<(usize, f64)>) {
    let gain = prev.map_or(String::new(), |(s, m)| {
        format!("{:.0}", (s as f64 - size as f64) / (ms - m).max(0.001))
    });
    println!(
        "{name:<20} {:>9.2}  {:>5.3}  {:>7.0}  {gain}",
        size as f64 / 1048576.0,
        size as f64 / total as f64,
        ms
    );
    *prev = Some((size, ms));
}

fn measure(files: &[Vec<u8>], f: impl Fn(&[u8]) -> Vec<u8>) -> (usize, f64) {
    let t = Instant::now();
    let size = files.iter().map(|b| f(b).len()).sum();
    (size, t.elapsed().as_secs_f64() * 1000.0)
}

fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn libdeflate_gzip(bytes: &[u8], level: i32) -> Vec<u8> {
    let lvl = libdeflater::CompressionLvl::new(level).unwrap();
    let mut c = libdeflater::Compressor::new(lvl);
    let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
    let n = c.gzip_compress(bytes, &mut out).unwrap();
    out.truncate(n);
    out
}

fn brotli(bytes: &[u8], quality: u32, lgwin: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, lgwin);
        w.write_all(bytes).unwrap();
    }
    out
}

/// The smallest window (10..=22 bits) that holds the whole file.
fn fitted_window(len: usize) -> u32 {
    (usize::BITS - len.max(1).leading_zeros()).clamp(10, 22)
}
