//! What the benchmarks measure with: CPU time and peak memory of real processes.

#![allow(dead_code)]

use std::{io::Write, path::Path, time::Duration};

pub mod skewed_assets;

/// User plus system CPU time used so far by this process (`Self_`) or its finished children.
pub fn cpu_time(who: Who) -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    let who = match who {
        Who::Myself => libc::RUSAGE_SELF,
        Who::Children => libc::RUSAGE_CHILDREN,
    };
    // SAFETY: getrusage fills the struct it is given, which is zeroed and large enough.
    let usage = unsafe {
        libc::getrusage(who, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[derive(Clone, Copy)]
pub enum Who {
    Myself,
    Children,
}

/// Peak resident memory of a process, in bytes, from `/proc/<pid>/status` (`VmHWM`).
pub fn peak_rss(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Whether a program is on PATH.
pub fn installed(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A file of `size` incompressible bytes (a simple xorshift stream), different for every `seed`.
pub fn write_file(path: &Path, size: u64, seed: u64) -> std::path::PathBuf {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut state = 0x9E37_79B9_7F4A_7C15_u64 ^ seed.wrapping_mul(0xD1B5_4A32_D192_ED03);
    let mut block = vec![0u8; 1024 * 1024];
    for _ in 0..size / block.len() as u64 {
        for chunk in block.chunks_exact_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.copy_from_slice(&state.to_le_bytes());
        }
        file.write_all(&block).unwrap();
    }
    file.flush().unwrap();
    file.get_ref().sync_all().unwrap();
    path.to_owned()
}

/// Streams the file to `upload_url` (damson's upload route) as a browser sends one: with its
/// length announced.
pub async fn upload(client: &reqwest::Client, upload_url: &str, path: &Path, name: &str) -> reqwest::Response {
    let file = tokio::fs::File::open(path).await.unwrap();
    let length = file.metadata().await.unwrap().len();
    let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::with_capacity(file, 256 * 1024));
    let response = client
        .post(upload_url)
        .query(&[("file_name", name)])
        .header(reqwest::header::CONTENT_LENGTH, length)
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "upload of {name}");
    response
}
