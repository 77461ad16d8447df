//! Server functions, one per file. Each declares its access in its path prefix
//! (see `domain::ApiAccess`); the server's guard enforces it for every call.

pub mod api_tokens;
pub mod assets;
pub mod bulk;
pub mod catalogs;
pub mod products;
pub mod session;
pub mod settings;
pub mod uploads;
pub mod users;
pub mod views;
pub mod webhooks;

#[cfg(test)]
mod tests {
    use std::{fs, path::Path};

    /// Each server function checks, first thing, the permission its path prefix stands for: the
    /// guard's check does not run for functions called while a page renders on the server.
    #[test]
    fn every_server_function_checks_its_own_permission_first() {
        let mut checked = 0;
        let api = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
        for area in fs::read_dir(&api).unwrap().flatten().filter(|e| e.path().is_dir()) {
            for file in fs::read_dir(area.path()).unwrap().flatten() {
                let source = fs::read_to_string(file.path()).unwrap();
                let name = file.path().display().to_string();
                let prefix = source
                    .split("prefix = \"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or_else(|| panic!("{name} declares no prefix"));
                let permission = match prefix {
                    "/api/public" => continue,
                    "/api/view" => "View",
                    "/api/manage" => "Manage",
                    "/api/users" => "ManageUsers",
                    "/api/catalog" => "ManageCatalog",
                    "/api/settings" => "ManageSettings",
                    "/api/integrations" => "ManageIntegrations",
                    other => panic!("{name}: unknown prefix {other}"),
                };
                let body = source.split(") -> Result<").nth(1).unwrap_or_default();
                let first_statement = body
                    .lines()
                    .skip(1)
                    .map(str::trim)
                    .find(|line| !line.starts_with("use ") && !line.starts_with("///") && !line.starts_with("const "))
                    .unwrap_or_default();
                assert!(
                    first_statement.contains(&format!("context::authorize(Permission::{permission})")),
                    "{name} ({prefix}) must start with context::authorize(Permission::{permission}), not {first_statement:?}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 15, "found only {checked} server functions");
    }
}
