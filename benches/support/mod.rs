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

/// Sends the file to the server at `base` through the resumable protocol, as the browser does:
/// created with its size, its chunks read from disk and sent one after another, then finished.
pub async fn upload(client: &reqwest::Client, base: &str, path: &Path, name: &str) -> reqwest::Response {
    use tokio::io::AsyncReadExt;
    let mut file = tokio::fs::File::open(path).await.unwrap();
    let length = file.metadata().await.unwrap().len();
    let created = client
        .post(format!("{base}/api/manage/uploads"))
        .json(&serde_json::json!({ "file_name": name, "size": length }))
        .send()
        .await
        .unwrap();
    assert!(created.status().is_success(), "create the upload of {name}");
    let id = created.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut offset = 0;
    while offset < length {
        let mut chunk = vec![0; damson::domain::CHUNK_BYTES.min(length - offset) as usize];
        file.read_exact(&mut chunk).await.unwrap();
        let size = chunk.len() as u64;
        let sent = client
            .put(format!("{base}/api/manage/uploads/{id}"))
            .query(&[("offset", offset)])
            .body(chunk)
            .send()
            .await
            .unwrap();
        assert!(sent.status().is_success(), "a chunk of {name}");
        offset += size;
    }
    let response = client
        .post(format!("{base}/api/manage/uploads/{id}/finish"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "upload of {name}");
    response
}
