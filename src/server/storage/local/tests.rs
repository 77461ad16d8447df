use bytes::Bytes;
use futures_util::{StreamExt, stream};
use std::{io, path::PathBuf, time::Duration};
use tempfile::TempDir;

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

async fn file_stream(name: &str) -> ByteStream {
    Box::pin(ReaderStream::new(fs::File::open(fixture(name)).await.unwrap()))
}

async fn storage() -> (TempDir, LocalStorage) {
    let root = tempfile::tempdir().unwrap();
    let storage = LocalStorage::open(root.path()).await.unwrap();
    (root, storage)
}

/// Every file below `folder`, recursively.
fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path))
        } else {
            found.push(path)
        }
    }
    found
}

async fn read_all(stream: ByteStream) -> Vec<u8> {
    crate::server::storage::read_to_vec(stream, 0).await.unwrap()
}

#[tokio::test]
async fn a_file_is_kept_under_its_sha256_fanned_out_and_reads_back_whole() {
    let (root, storage) = storage().await;
    let stored = storage.put(file_stream("hopper.jpg").await, 1 << 20).await.unwrap();
    // As printed by `sha256sum tests/fixtures/hopper.jpg`.
    assert_eq!(
        stored.key.as_str(),
        "ffe89a0ab0e94114e10777e7313d7fa83d634e34ebc2ea7479085cffa504c920"
    );
    assert_eq!(stored.size, 6412);
    assert_eq!(
        files_under(root.path()),
        [root.path().join("objects/ff/e8").join(stored.key.as_str())]
    );
    let original = std::fs::read(fixture("hopper.jpg")).unwrap();
    assert_eq!(read_all(storage.get(&stored.key, None).await.unwrap()).await, original);
    assert_eq!(storage.size(&stored.key).await.unwrap(), Some(6412));
}

#[tokio::test]
async fn identical_content_is_stored_once_and_never_overwritten() {
    let (root, storage) = storage().await;
    let first = storage
        .put(file_stream("qoi-specification.pdf").await, 1 << 20)
        .await
        .unwrap();
    let path = root.path().join("objects/86/a3").join(first.key.as_str());
    // Dated far back, so that a rewrite would show whatever the file system's clock resolution.
    let modified = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|file| file.set_modified(modified))
        .unwrap();
    let second = storage
        .put(file_stream("qoi-specification.pdf").await, 1 << 20)
        .await
        .unwrap();
    assert_eq!(first, second);
    assert_eq!(files_under(root.path()).len(), 1);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified,
        "the stored object was left alone"
    );
}

#[tokio::test]
async fn staged_content_knows_its_key_but_is_stored_only_once_kept() {
    let (root, storage) = storage().await;
    let staged = storage
        .stage(file_stream("hopper.gif").await, 1 << 20, None)
        .await
        .unwrap();
    let key = staged.key.clone();
    assert_eq!(storage.size(&key).await.unwrap(), None);
    drop(staged);
    assert_eq!(
        files_under(root.path()),
        Vec::<PathBuf>::new(),
        "a dropped stage leaves nothing"
    );

    let staged = storage
        .stage(file_stream("hopper.gif").await, 1 << 20, None)
        .await
        .unwrap();
    let stored = storage.keep(staged).await.unwrap();
    assert_eq!((stored.key, stored.size), (key.clone(), 15305));
    let original = std::fs::read(fixture("hopper.gif")).unwrap();
    assert_eq!(read_all(storage.get(&key, None).await.unwrap()).await, original);
    assert_eq!(files_under(root.path()).len(), 1);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_and_leaves_nothing() {
    let (root, storage) = storage().await;
    let error = storage
        .put(file_stream("photo-fallenleaf-2560x1600.jpg").await, 100_000)
        .await
        .unwrap_err();
    assert!(matches!(error, StorageError::TooLarge { limit: 100_000 }), "{error}");
    assert_eq!(files_under(root.path()), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn an_upload_that_breaks_off_leaves_nothing() {
    let (root, storage) = storage().await;
    let half = std::fs::read(fixture("hopper.png")).unwrap()[..15_000].to_vec();
    let broken: ByteStream = Box::pin(stream::iter([
        Ok(Bytes::from(half)),
        Err(io::Error::new(io::ErrorKind::ConnectionReset, "client went away")),
    ]));
    let error = storage.put(broken, 1 << 20).await.unwrap_err();
    assert!(matches!(error, StorageError::UploadBrokeOff(_)), "{error}");
    assert_eq!(files_under(root.path()), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn an_upload_cancelled_halfway_leaves_nothing() {
    let (root, storage) = storage().await;
    let first_half = std::fs::read(fixture("hopper.tif")).unwrap()[..20_000].to_vec();
    let stalls: ByteStream = Box::pin(stream::iter([Ok(Bytes::from(first_half))]).chain(stream::pending()));
    let put = storage.put(stalls, 1 << 20);
    assert!(
        tokio::time::timeout(Duration::from_millis(200), put).await.is_err(),
        "the put is still waiting"
    );
    assert_eq!(files_under(root.path()), Vec::<PathBuf>::new());
}

#[tokio::test]
async fn byte_ranges_read_just_those_bytes_and_bad_ranges_are_refused() {
    let (_root, storage) = storage().await;
    let stored = storage.put(file_stream("hopper.gif").await, 1 << 20).await.unwrap();
    let original = std::fs::read(fixture("hopper.gif")).unwrap();
    assert_eq!(
        read_all(storage.get(&stored.key, Some(100..164)).await.unwrap()).await,
        original[100..164]
    );
    let size = original.len() as u64;
    assert_eq!(
        read_all(storage.get(&stored.key, Some(size - 1..size)).await.unwrap()).await,
        original[original.len() - 1..]
    );
    let past_the_end = storage.get(&stored.key, Some(size..size + 1)).await.err().unwrap();
    assert!(
        matches!(past_the_end, StorageError::RangeNotSatisfiable { .. }),
        "{past_the_end}"
    );
}

#[tokio::test]
async fn deleting_removes_the_object_and_a_missing_one_is_not_found() {
    let (_root, storage) = storage().await;
    let stored = storage.put(file_stream("hopper.webp").await, 1 << 20).await.unwrap();
    storage.delete(&stored.key).await.unwrap();
    assert_eq!(storage.size(&stored.key).await.unwrap(), None);
    assert!(matches!(
        storage.get(&stored.key, None).await.err().unwrap(),
        StorageError::NotFound(_)
    ));
    storage.delete(&stored.key).await.expect("deleting twice is fine");
}

#[tokio::test]
async fn listing_walks_every_stored_key_in_order_page_by_page() {
    let (_root, storage) = storage().await;
    let mut stored = Vec::new();
    for n in 0..25 {
        let body: ByteStream = Box::pin(stream::once(async move { Ok(Bytes::from(format!("content {n}"))) }));
        stored.push(storage.put(body, 1 << 20).await.unwrap().key);
    }
    stored.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    let mut listed = Vec::new();
    let mut after = None;
    loop {
        let page = storage.list(after.as_ref(), 7).await.unwrap();
        listed.extend(page.iter().cloned());
        if page.len() < 7 {
            break;
        }
        after = page.last().cloned();
    }
    assert_eq!(listed, stored);
}

#[tokio::test]
async fn partial_uploads_of_a_process_that_is_gone_are_removed_at_start() {
    let root = tempfile::tempdir().unwrap();
    let incoming = root.path().join("incoming");
    std::fs::create_dir_all(&incoming).unwrap();
    // No process has an id this large (Linux's limit is 4194304).
    let crashed = incoming.join("99999999-1-0.part");
    std::fs::write(&crashed, b"half an upload").unwrap();
    let live = incoming.join(format!("{}-1-0.part", std::os::unix::process::parent_id()));
    std::fs::write(&live, b"another instance's upload").unwrap();
    LocalStorage::open(root.path()).await.unwrap();
    assert!(!crashed.exists(), "the crashed process's upload is gone");
    assert!(live.exists(), "a running process's upload stays");
}
