//! damson's settings: `Leptos.toml`, overridden key by key by environment variables.

use leptos::config::{LeptosOptions, get_configuration};
use serde::Deserialize;

use super::clock::Clock;
use std::{path::PathBuf, time::Duration};

/// Where the configuration file is looked for unless `DAMSON_CONFIG` names another.
pub const DEFAULT_CONFIG_FILE: &str = "Leptos.toml";

/// Everything damson reads at start.
#[derive(Clone, Debug)]
pub struct Config {
    pub leptos: LeptosOptions,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// Where stored files live.
    pub storage: StorageLocation,
    pub max_upload_bytes: u64,
    pub session_lifetime: Duration,
    /// How people reach damson (`https://dam.example`); unset, links use the address each request came to.
    pub public_url: Option<String>,
    /// How many renditions are made at once on this instance (0: none here, another instance does them).
    pub rendition_workers: usize,
    /// How long a job stays claimed without its worker's heartbeat before another worker takes it
    /// over (its worker stopped).
    pub job_lease: Duration,
    /// How long a stored file that nothing uses waits before it is checked again and removed.
    pub cleanup_grace: Duration,
    /// How long one picture may take to render before its job fails.
    pub render_time_limit: Duration,
    /// How many API requests one token may make a minute on this instance.
    pub api_rate_limit: u32,
    /// Whether webhooks may go to loopback and private addresses (a test's receiver, an intranet);
    /// off, only addresses on the public internet are delivered to.
    pub webhook_private_targets: bool,
    /// The first System admin's name and password, used only when there are no users yet.
    pub admin_user: String,
    pub admin_password: Option<String>,
    /// Where damson writes the address it serves on once it does, for a program that started it
    /// on port 0 (the tests, a supervisor).
    pub address_file: Option<PathBuf>,
    /// The time sessions are measured by (`DAMSON_CLOCK_FILE`, for tests).
    pub clock: Clock,
}

/// Where stored files live: `storage-url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageLocation {
    /// `file:///path`: a folder on this machine.
    Disk(PathBuf),
    /// `s3://BUCKET[/prefix]`: an S3-compatible bucket, reached with the `AWS_*` variables.
    S3 { bucket: String, prefix: String },
}

impl StorageLocation {
    /// # Errors
    /// A message naming the key and the forms it takes.
    fn parse(url: &str) -> Result<Self, String> {
        let refused =
            || format!("storage-url (DAMSON_STORAGE_URL) is file:///path or s3://bucket[/prefix], not {url:?}");
        if let Some(path) = url.strip_prefix("file://") {
            return if path.starts_with('/') {
                Ok(StorageLocation::Disk(PathBuf::from(path)))
            } else {
                Err(refused())
            };
        }
        let rest = url.strip_prefix("s3://").ok_or_else(refused)?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid_bucket {
            return Err(refused());
        }
        Ok(StorageLocation::S3 {
            bucket: bucket.to_owned(),
            prefix: prefix.trim_matches('/').to_owned(),
        })
    }
}

/// Leptos reads only its environment variables when there is no configuration file (started from
/// another folder, or from a package that ships the binary alone), and then leaves the bundle
/// unnamed (pages load `/pkg/.js` and never come alive) and the environment DEV. damson's own
/// defaults, as the README lists them, hold with or without the file, unless the environment
/// says otherwise.
fn with_damson_defaults(options: &mut LeptosOptions, env: impl Fn(&str) -> Option<String>) {
    if options.output_name.is_empty() {
        options.output_name = "damson".into();
    }
    if env("LEPTOS_ENV").is_none() {
        options.env = leptos::config::Env::PROD;
    }
}

/// The `[damson]` table of the configuration file. Empty strings mean "derive a default".
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
struct DamsonSection {
    data_dir: Option<String>,
    database_url: Option<String>,
    storage_url: Option<String>,
    max_upload_mb: Option<u64>,
    session_lifetime: Option<String>,
    public_url: Option<String>,
    rendition_workers: Option<usize>,
    job_lease: Option<String>,
    cleanup_grace: Option<String>,
    render_time_limit: Option<String>,
    api_rate_limit: Option<u32>,
    webhook_private_targets: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    damson: DamsonSection,
}

impl Config {
    /// Reads the configuration file (if present) and the environment.
    ///
    /// # Errors
    /// A message naming the key or file that could not be read.
    pub fn load() -> Result<Config, String> {
        let path = std::env::var("DAMSON_CONFIG").unwrap_or_else(|_| DEFAULT_CONFIG_FILE.into());
        let file_exists = std::path::Path::new(&path).exists();
        let mut leptos = get_configuration(file_exists.then_some(path.as_str()))
            .map_err(|e| format!("cannot read {path}: {e}"))?
            .leptos_options;
        with_damson_defaults(&mut leptos, |key| std::env::var(key).ok());
        let section = if file_exists {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            toml::from_str::<ConfigFile>(&text)
                .map_err(|e| format!("{path}: {e}"))?
                .damson
        } else {
            DamsonSection::default()
        };
        Config::from_parts(leptos, section, |key| std::env::var(key).ok())
    }

    fn from_parts(
        leptos: LeptosOptions,
        file: DamsonSection,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, String> {
        let pick = |env_key: &str, from_file: Option<String>| {
            env(env_key).or(from_file).filter(|value| !value.trim().is_empty())
        };
        let data_dir = PathBuf::from(pick("DAMSON_DATA_DIR", file.data_dir).unwrap_or_else(|| "data".into()));
        let database_url = pick("DATABASE_URL", file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("damson.sqlite").display()));
        let storage = match pick("DAMSON_STORAGE_URL", file.storage_url) {
            Some(url) => StorageLocation::parse(url.trim())?,
            None => StorageLocation::Disk(data_dir.join("files")),
        };
        let max_upload_mb = match env("DAMSON_MAX_UPLOAD_MB") {
            Some(value) => value
                .parse::<u64>()
                .map_err(|_| format!("DAMSON_MAX_UPLOAD_MB must be a whole number, not {value:?}"))?,
            None => file.max_upload_mb.unwrap_or(128),
        };
        let lifetime = pick("DAMSON_SESSION_LIFETIME", file.session_lifetime).unwrap_or_else(|| "12h".into());
        let session_lifetime = humantime::parse_duration(&lifetime)
            .map_err(|e| format!("session lifetime {lifetime:?} is not a duration such as \"12h\": {e}"))?;
        let public_url = pick("DAMSON_PUBLIC_URL", file.public_url).map(|url| url.trim_end_matches('/').to_owned());
        let rendition_workers = match env("DAMSON_RENDITION_WORKERS") {
            Some(value) => value
                .parse::<usize>()
                .map_err(|_| format!("DAMSON_RENDITION_WORKERS must be a whole number, not {value:?}"))?,
            None => file.rendition_workers.unwrap_or(1),
        };
        let lease = pick("DAMSON_JOB_LEASE", file.job_lease).unwrap_or_else(|| "15s".into());
        let job_lease = humantime::parse_duration(&lease)
            .map_err(|e| format!("job lease {lease:?} is not a duration such as \"15s\": {e}"))?;
        let grace = pick("DAMSON_CLEANUP_GRACE", file.cleanup_grace).unwrap_or_else(|| "1h".into());
        let cleanup_grace = humantime::parse_duration(&grace)
            .map_err(|e| format!("cleanup grace {grace:?} is not a duration such as \"1h\": {e}"))?;
        let limit = pick("DAMSON_RENDER_TIME_LIMIT", file.render_time_limit).unwrap_or_else(|| "60s".into());
        let render_time_limit = humantime::parse_duration(&limit)
            .map_err(|e| format!("render time limit {limit:?} is not a duration such as \"60s\": {e}"))?;
        let api_rate_limit = match env("DAMSON_API_RATE_LIMIT") {
            Some(value) => value
                .parse::<u32>()
                .ok()
                .filter(|per_minute| *per_minute > 0)
                .ok_or_else(|| format!("DAMSON_API_RATE_LIMIT must be a whole number above 0, not {value:?}"))?,
            None => file.api_rate_limit.unwrap_or(600),
        };
        let webhook_private_targets = match env("DAMSON_WEBHOOK_PRIVATE_TARGETS").as_deref() {
            Some("true") => true,
            Some("false") => false,
            Some(value) => {
                return Err(format!(
                    "DAMSON_WEBHOOK_PRIVATE_TARGETS is true or false, not {value:?}"
                ));
            }
            None => file.webhook_private_targets.unwrap_or(false),
        };
        Ok(Config {
            leptos,
            api_rate_limit,
            webhook_private_targets,
            data_dir,
            database_url,
            storage,
            max_upload_bytes: max_upload_mb * 1024 * 1024,
            session_lifetime,
            public_url,
            rendition_workers,
            job_lease,
            cleanup_grace,
            render_time_limit,
            admin_user: env("DAMSON_ADMIN_USER").unwrap_or_else(|| "admin".into()),
            admin_password: env("DAMSON_ADMIN_PASSWORD"),
            address_file: env("DAMSON_ADDRESS_FILE")
                .filter(|path| !path.is_empty())
                .map(PathBuf::from),
            clock: Clock::new(
                env("DAMSON_CLOCK_FILE")
                    .filter(|path| !path.is_empty())
                    .map(PathBuf::from),
            ),
        })
    }

    /// Whether session cookies get the `Secure` flag: when people reach damson over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_ref().is_some_and(|url| url.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(file: DamsonSection, env: &[(&str, &str)]) -> Result<Config, String> {
        let env: HashMap<String, String> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_parts(LeptosOptions::builder().output_name("damson").build(), file, |key| {
            env.get(key).cloned()
        })
    }

    #[test]
    fn defaults_put_everything_under_the_data_dir() {
        let config = config(DamsonSection::default(), &[]).unwrap();
        assert_eq!(config.database_url, "sqlite://data/damson.sqlite?mode=rwc");
        assert_eq!(config.storage, StorageLocation::Disk(PathBuf::from("data/files")));
        assert_eq!(config.max_upload_bytes, 128 * 1024 * 1024);
        assert_eq!(config.session_lifetime, Duration::from_secs(12 * 3600));
        assert!(!config.secure_cookies());
        assert_eq!(
            (config.rendition_workers, config.job_lease),
            (1, Duration::from_secs(15))
        );
        assert_eq!(config.cleanup_grace, Duration::from_secs(3600));
        assert_eq!(config.render_time_limit, Duration::from_secs(60));
    }

    #[test]
    fn environment_overrides_the_file() {
        let file = DamsonSection {
            data_dir: Some("/srv/dam".into()),
            max_upload_mb: Some(64),
            ..Default::default()
        };
        let config = config(
            file,
            &[
                ("DAMSON_DATA_DIR", "/tmp/x"),
                ("DAMSON_SESSION_LIFETIME", "90s"),
                ("DAMSON_PUBLIC_URL", "https://dam.example/"),
            ],
        )
        .unwrap();
        assert_eq!(config.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(config.max_upload_bytes, 64 * 1024 * 1024);
        assert_eq!(config.session_lifetime, Duration::from_secs(90));
        assert_eq!(config.public_url.as_deref(), Some("https://dam.example"));
        assert!(config.secure_cookies());
    }

    #[test]
    fn storage_is_a_folder_or_a_bucket_and_anything_else_is_named() {
        let at = |url: &str| config(DamsonSection::default(), &[("DAMSON_STORAGE_URL", url)]).map(|c| c.storage);
        assert_eq!(
            at("file:///srv/dam/files"),
            Ok(StorageLocation::Disk(PathBuf::from("/srv/dam/files")))
        );
        assert_eq!(
            at("s3://dam-files/prod/"),
            Ok(StorageLocation::S3 {
                bucket: "dam-files".into(),
                prefix: "prod".into()
            })
        );
        for wrong in ["/srv/files", "file://relative", "s3://", "s3://Bad_Bucket", "ftp://x"] {
            let error = at(wrong).unwrap_err();
            assert!(
                error.contains("DAMSON_STORAGE_URL") && error.contains("s3://bucket"),
                "{error}"
            );
        }
    }

    #[test]
    fn without_a_file_the_bundle_is_damson_and_the_environment_prod() {
        let mut options = LeptosOptions::builder().output_name("").build();
        with_damson_defaults(&mut options, |_| None);
        assert_eq!(options.output_name.as_ref(), "damson");
        assert_eq!(options.env, leptos::config::Env::PROD);
        let mut options = LeptosOptions::builder().output_name("shop").build();
        with_damson_defaults(&mut options, |key| (key == "LEPTOS_ENV").then(|| "DEV".to_owned()));
        assert_eq!(options.output_name.as_ref(), "shop");
        assert_eq!(options.env, leptos::config::Env::DEV);
    }

    #[test]
    fn bad_values_are_named() {
        let error = config(DamsonSection::default(), &[("DAMSON_SESSION_LIFETIME", "soon")]).unwrap_err();
        assert!(error.contains("\"soon\""), "{error}");
        let error = config(DamsonSection::default(), &[("DAMSON_MAX_UPLOAD_MB", "lots")]).unwrap_err();
        assert!(error.contains("DAMSON_MAX_UPLOAD_MB"), "{error}");
    }
}
