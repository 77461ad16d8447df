use reqwest::{Client, Response, StatusCode, redirect::Policy};
use serde_json::Value;
use std::{
    process::Stdio,
    sync::{Arc, Mutex},
    time::Duration,
};
use tempfile::TempDir;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
/// The file in an app's data folder that moves its clock on (`DAMSON_CLOCK_FILE`).
const CLOCK_FILE: &str = "clock-offset-ms";

/// A running damson with its own data directory; stopped and removed when dropped.
pub struct TestApp {
    pub address: String,
    /// Shared by the instances of one app (`spawn_beside`): their stored files live here.
    pub data_dir: Arc<TempDir>,
    /// The SQLite file in `data_dir`, or a fresh PostgreSQL database when `DAMSON_TEST_POSTGRES`
    /// names a server (`postgres://user@host:port`).
    database_url: String,
    /// Where the stored files are: `<data_dir>/files`, or a fresh prefix of the S3 bucket
    /// `DAMSON_TEST_S3_BUCKET` whose server keeps its objects under `DAMSON_TEST_S3_ROOT`.
    storage: Storage,
    server: Child,
    /// Every line the server has logged so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(&[]).await
    }

    /// Starts damson with extra environment variables.
    pub async fn spawn_with(env: &[(&str, &str)]) -> TestApp {
        let (data_dir, database_url, storage) = TestApp::fresh_data().await;
        TestApp::spawn_in(data_dir, database_url, storage, env).await
    }

    /// A data directory, a database and a store of files, all empty.
    async fn fresh_data() -> (Arc<TempDir>, String, Storage) {
        let data_dir = tempfile::tempdir().expect("temporary data directory");
        let database_url = match std::env::var("DAMSON_TEST_POSTGRES") {
            Ok(server) if !server.is_empty() => fresh_postgres_database(&server).await,
            _ => format!("sqlite://{}?mode=rwc", data_dir.path().join("damson.sqlite").display()),
        };
        let storage = match (
            std::env::var("DAMSON_TEST_S3_BUCKET"),
            std::env::var("DAMSON_TEST_S3_ROOT"),
        ) {
            (Ok(bucket), Ok(root)) if !bucket.is_empty() => {
                let prefix = unique_name("test");
                Storage {
                    url: Some(format!("s3://{bucket}/{prefix}")),
                    root: std::path::Path::new(&root).join(&bucket).join(&prefix),
                }
            }
            _ => Storage {
                url: None,
                root: data_dir.path().join("files"),
            },
        };
        (Arc::new(data_dir), database_url, storage)
    }

    /// Another instance of this app: the same database and the same stored files.
    #[allow(
        dead_code,
        reason = "not every test binary that shares these helpers runs several instances"
    )]
    pub async fn spawn_beside(&self, env: &[(&str, &str)]) -> TestApp {
        TestApp::spawn_in(
            Arc::clone(&self.data_dir),
            self.database_url.clone(),
            self.storage.clone(),
            env,
        )
        .await
    }

    /// Two instances started at the same moment on an empty database.
    #[allow(
        dead_code,
        reason = "not every test binary that shares these helpers runs several instances"
    )]
    pub async fn spawn_two_at_once(env: &[(&str, &str)]) -> (TestApp, TestApp) {
        let (data_dir, database_url, storage) = TestApp::fresh_data().await;
        tokio::join!(
            TestApp::spawn_in(Arc::clone(&data_dir), database_url.clone(), storage.clone(), env),
            TestApp::spawn_in(data_dir, database_url, storage, env),
        )
    }

    /// Kills damson as a crash would (no shutdown), then starts it again on the same data.
    pub async fn crash_and_restart(self, env: &[(&str, &str)]) -> TestApp {
        let TestApp {
            data_dir,
            database_url,
            storage,
            mut server,
            ..
        } = self;
        server.kill().await.expect("damson is killed");
        TestApp::spawn_in(data_dir, database_url, storage, env).await
    }

    /// Kills this instance as a crash would (SIGKILL, no shutdown).
    #[allow(
        dead_code,
        reason = "not every test binary that shares these helpers kills instances"
    )]
    pub async fn kill(mut self) {
        self.server.kill().await.expect("damson is killed");
    }

    async fn spawn_in(data_dir: Arc<TempDir>, database_url: String, storage: Storage, env: &[(&str, &str)]) -> TestApp {
        // A restart on the same data writes it anew.
        let address_file = data_dir.path().join("address");
        let _ = std::fs::remove_file(&address_file);
        let mut server = Command::new(env!("CARGO_BIN_EXE_damson"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("DATABASE_URL", &database_url)
            .env("DAMSON_STORAGE_URL", storage.url.as_deref().unwrap_or(""))
            .env("DAMSON_DATA_DIR", data_dir.path())
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("DAMSON_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("DAMSON_ADDRESS_FILE", &address_file)
            .env("DAMSON_CLOCK_FILE", data_dir.path().join(CLOCK_FILE))
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("damson binary starts");
        let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
        // Keep reading the log so the server never blocks on a full pipe, and to show it when it
        // fails.
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&log);
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                kept.lock().expect("the log").push(line);
            }
        });
        // A start on a loaded machine, many tests starting theirs at once, takes longer than any
        // other wait.
        let address = eventually_within("damson tells the address it serves on", Duration::from_secs(60), || {
            if let Some(status) = server.try_wait().expect("damson's state") {
                let log = log.lock().expect("the log").join("\n");
                panic!("damson exited ({status}) before serving:\n{log}");
            }
            std::future::ready(std::fs::read_to_string(&address_file).ok())
        })
        .await;
        TestApp {
            address,
            data_dir,
            database_url,
            storage,
            server,
            log,
        }
    }

    /// The errors and warnings the server has logged so far, for a failing test to show.
    #[allow(dead_code, reason = "not every test binary that shares these helpers reads the log")]
    pub fn logged_trouble(&self) -> Vec<String> {
        let log = self.log.lock().expect("the log");
        log.iter()
            .filter(|line| line.contains("ERROR") || line.contains("WARN"))
            .cloned()
            .collect()
    }

    /// The server's process id, for benchmarks that read its memory.
    #[allow(dead_code, reason = "used by benches/ingest.rs, which shares these helpers")]
    pub fn pid(&self) -> u32 {
        self.server.id().expect("damson is running")
    }

    /// The server's resident memory now and at its peak so far, in KiB.
    #[allow(dead_code, reason = "not every test binary that shares these helpers reads memory")]
    pub fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).expect("the server's status");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
                .expect("a memory figure")
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A fresh browser-like client: its own cookies, no automatic redirects.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client")
    }

    pub async fn sign_in(&self, client: &Client, user_name: &str, password: &str) -> Response {
        self.post(
            client,
            "/api/public/sign_in",
            &[("user_name", user_name), ("password", password)],
        )
        .await
    }

    /// A client signed in as `user_name`.
    pub async fn signed_in(&self, user_name: &str, password: &str) -> Client {
        let client = self.client();
        let response = self.sign_in(&client, user_name, password).await;
        assert_eq!(response.status(), StatusCode::OK, "sign in as {user_name}");
        client
    }

    pub async fn admin(&self) -> Client {
        self.signed_in(ADMIN, ADMIN_PASSWORD).await
    }

    /// Calls a server function the way the browser's server-fn client does: a form-encoded POST.
    pub async fn post(&self, client: &Client, path: &str, form: &[(&str, &str)]) -> Response {
        client.post(self.url(path)).form(form).send().await.expect("request")
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.expect("request")
    }

    /// Creates a user through the admin API and returns its id.
    pub async fn create_user(&self, admin: &Client, user_name: &str, role: &str, password: &str) -> i64 {
        let response = self
            .post(
                admin,
                "/api/users/create_user",
                &[("user_name", user_name), ("role", role), ("password", password)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "create {user_name}");
        json(response).await["id"].as_i64().expect("user id")
    }
}

impl TestApp {
    /// Uploads `body` as the file `file_name` through the resumable protocol, as the browser's
    /// Upload does (create, chunks, finish); answers what finishing it answered (the asset), or
    /// the first refusal on the way.
    pub async fn upload(&self, client: &Client, file_name: &str, body: impl Into<Vec<u8>>) -> Response {
        self.upload_to(client, file_name, &[], body.into()).await
    }

    /// Uploads `body` as a new version of the asset `id` (for `locale`, when given), as Add
    /// version does.
    #[allow(dead_code, reason = "not every test binary that shares these helpers adds versions")]
    pub async fn upload_version(
        &self,
        client: &Client,
        id: i64,
        locale: Option<&str>,
        file_name: &str,
        body: impl Into<Vec<u8>>,
    ) -> Response {
        let id = id.to_string();
        let mut finish = vec![("asset_id", id.as_str())];
        finish.extend(locale.map(|locale| ("locale", locale)));
        self.upload_to(client, file_name, &finish, body.into()).await
    }

    async fn upload_to(&self, client: &Client, file_name: &str, finish: &[(&str, &str)], body: Vec<u8>) -> Response {
        let created = client
            .post(self.url("/api/manage/uploads"))
            .json(&serde_json::json!({ "file_name": file_name, "size": body.len() }))
            .send()
            .await
            .expect("create upload request");
        if created.status() != StatusCode::CREATED {
            return created;
        }
        let id = json(created).await["id"].as_str().expect("upload id").to_owned();
        let mut offset = 0;
        for chunk in body.chunks(damson::domain::CHUNK_BYTES as usize) {
            let sent = client
                .put(self.url(&format!("/api/manage/uploads/{id}")))
                .query(&[("offset", offset)])
                .body(chunk.to_vec())
                .send()
                .await
                .expect("chunk request");
            if sent.status() != StatusCode::OK {
                return sent;
            }
            offset += chunk.len();
        }
        client
            .post(self.url(&format!("/api/manage/uploads/{id}/finish")))
            .query(finish)
            .send()
            .await
            .expect("finish request")
    }

    /// Every file damson keeps in its storage, finished or incoming.
    pub fn stored_files(&self) -> Vec<std::path::PathBuf> {
        fn walk(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found)
                } else {
                    found.push(path)
                }
            }
        }
        let mut found = Vec::new();
        walk(&self.storage.root, &mut found);
        found
    }

    /// The folder the stored files are in: `objects/ab/cd/<key>` below it.
    #[allow(dead_code, reason = "not every test binary that shares these helpers looks at files")]
    pub fn files_root(&self) -> &std::path::Path {
        &self.storage.root
    }

    /// The content keys stored: on disk the files, in a bucket the pointers, at `objects/ab/cd/<key>`.
    #[allow(dead_code, reason = "not every test binary that shares these helpers looks at files")]
    pub fn stored_keys(&self) -> std::collections::HashSet<String> {
        let objects = self.storage.root.join("objects");
        self.stored_files()
            .into_iter()
            .filter(|path| path.starts_with(&objects))
            .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
            .collect()
    }

    /// Stores `content` under `key` as damson does, without recording it anywhere: what a crash
    /// between the two leaves behind.
    #[allow(dead_code, reason = "not every test binary that shares these helpers plants files")]
    pub fn plant_unrecorded(&self, key: &str, content: &[u8]) {
        let folder = self.storage.root.join("objects").join(&key[..2]).join(&key[2..4]);
        std::fs::create_dir_all(&folder).unwrap();
        if !self.on_s3() {
            return std::fs::write(folder.join(key), content).unwrap();
        }
        let blobs = self.storage.root.join("blobs");
        std::fs::create_dir_all(&blobs).unwrap();
        let blob = &key[..32];
        std::fs::write(blobs.join(blob), content).unwrap();
        std::fs::write(blobs.join(format!("{blob}.kept")), b"").unwrap();
        std::fs::write(folder.join(key), format!("{blob}\n{}\n", content.len())).unwrap();
    }

    /// Keeps the resumable upload `handle`'s bytes (`content`, hashed to `key`) as damson does
    /// when it imports them, without recording them: what a crash between the two leaves behind.
    /// In a bucket, the upload's own blob is marked and pointed at.
    #[allow(dead_code, reason = "not every test binary that shares these helpers plants files")]
    pub fn plant_kept_upload(&self, handle: &str, key: &str, content: &[u8]) {
        if !self.on_s3() {
            return self.plant_unrecorded(key, content);
        }
        let blob = handle.split(' ').next().unwrap();
        let blobs = self.storage.root.join("blobs");
        std::fs::create_dir_all(&blobs).unwrap();
        std::fs::write(blobs.join(format!("{blob}.kept")), b"").unwrap();
        let folder = self.storage.root.join("objects").join(&key[..2]).join(&key[2..4]);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(key), format!("{blob}\n{}\n", content.len())).unwrap();
    }

    /// Whether the files are in an S3 bucket rather than on local disk.
    #[allow(dead_code, reason = "not every test binary that shares these helpers asks")]
    pub fn on_s3(&self) -> bool {
        self.storage.url.is_some()
    }
}

/// Where one app's files are stored.
#[derive(Clone)]
struct Storage {
    /// `DAMSON_STORAGE_URL`, when not the default folder.
    url: Option<String>,
    /// The folder the files are in on this machine (the S3 server's own folder for its bucket).
    root: std::path::PathBuf,
}

/// A name no other test of this run has.
fn unique_name(stem: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_nanos();
    format!(
        "{stem}_{}_{nanos}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

/// A new, empty database on the PostgreSQL server at `server`, for one test.
async fn fresh_postgres_database(server: &str) -> String {
    use sea_orm::ConnectionTrait;
    let name = unique_name("damson_test");
    let admin = sea_orm::Database::connect(format!("{server}/postgres"))
        .await
        .expect("the PostgreSQL server answers");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("a test database is created");
    admin.close().await.expect("the admin connection closes");
    format!("{server}/{name}")
}

/// A file from `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The leaf photo as a PNG, `tiles` × `tiles` times over: it decodes slowly (about 230 ms a tile
/// in a debug build), so that something can happen meanwhile.
#[allow(dead_code, reason = "not every test binary that shares these helpers renders")]
pub fn slow_png(tiles: u32) -> Vec<u8> {
    let photo = image::load_from_memory(&fixture("photo-fallenleaf-2560x1600.jpg"))
        .unwrap()
        .into_rgb8();
    let mut tiled = image::RgbImage::new(photo.width() * tiles, photo.height() * tiles);
    for (x, y) in (0..tiles).flat_map(|x| (0..tiles).map(move |y| (x, y))) {
        image::imageops::replace(
            &mut tiled,
            &photo,
            i64::from(x * photo.width()),
            i64::from(y * photo.height()),
        );
    }
    let mut png = std::io::Cursor::new(Vec::new());
    tiled.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

/// The number in the first column of the first row of `sql`, for checks no API shows.
#[allow(
    dead_code,
    reason = "not every test binary that shares these helpers reads the database"
)]
pub async fn scalar(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let row = db
        .query_one(sea_orm::Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

/// The indexes of `table` that SQLite holds planner statistics for.
#[allow(
    dead_code,
    reason = "not every test binary that shares these helpers reads statistics"
)]
pub async fn analysed_indexes(db: &sea_orm::DatabaseConnection, table: &str) -> i64 {
    if scalar(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").await == 0 {
        return 0;
    }
    scalar(
        db,
        &format!("SELECT COUNT(DISTINCT idx) FROM sqlite_stat1 WHERE tbl = '{table}'"),
    )
    .await
}

pub async fn json(response: Response) -> Value {
    response.json().await.expect("JSON body")
}

/// The message a person reads for an error response.
pub async fn error_text(response: Response) -> String {
    let body = json(response).await;
    serde_json::from_value::<damson::domain::AppError>(body)
        .expect("an AppError")
        .to_string()
}

impl TestApp {
    /// The grid's cards of these assets, as the browser refreshes them.
    pub async fn cards(&self, client: &Client, ids: &[i64]) -> Vec<Value> {
        let response = client
            .post(self.url("/api/view/asset_cards"))
            .json(&serde_json::json!({ "ids": ids }))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
        json(response).await.as_array().expect("cards").clone()
    }

    /// Waits until the rendition job of the asset's current file has ended, and returns its card.
    pub async fn card_when_rendered(&self, client: &Client, id: i64) -> Value {
        eventually(&format!("the rendition of asset {id} ends"), || async {
            let card = self.cards(client, &[id]).await.remove(0);
            (card["thumbnail"]["state"] != "pending").then_some(card)
        })
        .await
    }

    /// Moves the clock sessions are measured by on by `by` (from where it is), so that a test
    /// lets a lifetime pass without waiting it out.
    #[allow(dead_code, reason = "not every test binary that shares these helpers lets time pass")]
    pub fn let_pass(&self, by: Duration) {
        let file = self.data_dir.path().join(CLOCK_FILE);
        let now: i64 = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(0);
        let moved = now + i64::try_from(by.as_millis()).expect("a test's time");
        std::fs::write(&file, moved.to_string()).expect("the clock file is written");
    }

    /// Whether this app runs on PostgreSQL rather than its embedded SQLite file.
    #[allow(dead_code, reason = "not every test binary that shares these helpers asks")]
    pub fn on_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }

    /// The database the server uses, for checks no API shows (job rows).
    pub async fn database(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(&self.database_url)
            .await
            .expect("the database opens")
    }
}

impl TestApp {
    /// Uploads `body` as `file_name` and returns the id of the asset it went to.
    pub async fn upload_id(&self, client: &Client, file_name: &str, body: Vec<u8>) -> i64 {
        let response = self.upload(client, file_name, body).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "upload {file_name}: {:?}",
            self.logged_trouble()
        );
        json(response).await["id"].as_i64().expect("asset id")
    }

    /// Saves an asset's Details tab with `changes` (form field, value); the other fields stay.
    pub async fn save_details(&self, client: &Client, id: i64, changes: &[(&str, &str)]) {
        let asset = json(self.get(client, &format!("/api/view/get_asset?asset_id={id}")).await).await;
        let text = |field: &str| asset[field].as_str().unwrap().to_owned();
        let labels: Vec<&str> = asset["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let mut form = [
            (
                "localizable",
                if asset["localizable"] == true { "on" } else { "" }.to_owned(),
            ),
            ("asset_id", id.to_string()),
            ("revision", asset["revision"].to_string()),
            ("name", text("name")),
            ("description", text("description")),
            ("labels", labels.join(", ")),
            ("availability", text("availability")),
        ];
        for (field, value) in changes {
            let entry = form
                .iter_mut()
                .find(|(name, _)| name == field)
                .expect("a Details field");
            entry.1 = (*value).to_owned();
        }
        // An unticked checkbox is not sent at all.
        let form: Vec<(&str, &str)> = form
            .iter()
            .filter(|(field, value)| *field != "localizable" || !value.is_empty())
            .map(|(field, value)| (*field, value.as_str()))
            .collect();
        let response = self.post(client, "/api/manage/update_asset", &form).await;
        assert_eq!(response.status(), StatusCode::OK, "save {changes:?}");
    }

    /// Saves an asset with another availability, the rest as it is.
    pub async fn set_availability(&self, client: &Client, id: i64, availability: &str) {
        self.save_details(client, id, &[("availability", availability)]).await;
    }
}

/// Waits until `check` gives a value, asking again every 20 ms, for at most 30 s; panics naming
/// `what` did not happen. Tests wait for what they need, never for a fixed time.
#[allow(dead_code, reason = "not every test binary that shares these helpers waits")]
pub async fn eventually<T, Check, Answer>(what: &str, check: Check) -> T
where
    Check: FnMut() -> Answer,
    Answer: std::future::Future<Output = Option<T>>,
{
    eventually_within(what, Duration::from_secs(30), check).await
}

/// `eventually`, waiting at most `limit`.
pub async fn eventually_within<T, Check, Answer>(what: &str, limit: Duration, check: Check) -> T
where
    Check: FnMut() -> Answer,
    Answer: std::future::Future<Output = Option<T>>,
{
    wait_for(what, limit, Duration::from_millis(20), check).await
}

/// `eventually` for a moment that passes quickly (a job that has begun and will soon end): asks
/// every 2 ms.
#[allow(dead_code, reason = "not every test binary that shares these helpers waits")]
pub async fn as_soon_as<T, Check, Answer>(what: &str, check: Check) -> T
where
    Check: FnMut() -> Answer,
    Answer: std::future::Future<Output = Option<T>>,
{
    wait_for(what, Duration::from_secs(30), Duration::from_millis(2), check).await
}

async fn wait_for<T, Check, Answer>(what: &str, limit: Duration, every: Duration, mut check: Check) -> T
where
    Check: FnMut() -> Answer,
    Answer: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what} did not happen within {limit:?}"
        );
        tokio::time::sleep(every).await;
    }
}
