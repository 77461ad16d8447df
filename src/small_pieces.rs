//! The codebase stays in small pieces a reader takes in at once: no source file over 400 lines,
//! no component over 100.

use std::{fs, path::Path};

const MAX_FILE_LINES: usize = 400;
const MAX_COMPONENT_LINES: usize = 100;

fn sources(folder: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Each component's name and length: from its `fn` line to the `}` that closes it at the start
/// of a line.
fn components(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        if line.trim() != "#[component]" {
            continue;
        }
        let Some(start) = (at + 1..lines.len())
            .find(|&n| lines[n].trim_start().starts_with("pub fn ") || lines[n].trim_start().starts_with("fn "))
        else {
            continue;
        };
        let indent = lines[start].len() - lines[start].trim_start().len();
        let closing = " ".repeat(indent) + "}";
        if let Some(end) = (start + 1..lines.len()).find(|&n| lines[n] == closing) {
            found.push((lines[start].trim().to_owned(), end - start));
        }
    }
    found
}

#[test]
fn files_and_components_stay_small() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut too_long = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            too_long.push(format!("{}: {lines} lines", file.display()));
        }
        for (name, length) in components(&text) {
            if length > MAX_COMPONENT_LINES {
                too_long.push(format!("{}: {name} is {length} lines", file.display()));
            }
        }
    }
    assert!(too_long.is_empty(), "{too_long:#?}");
}

#[test]
fn a_component_is_measured_from_its_fn_to_its_closing_brace() {
    let text = "#[component]\npub fn Short() -> impl IntoView {\n    view! {}\n}\n";
    assert_eq!(components(text), [("pub fn Short() -> impl IntoView {".to_owned(), 2)]);
}

/// Addresses are built by `domain::paths` alone, so a page's link, a route and a shared link
/// cannot drift apart; the router declares its pages by the segments found there, never with
/// `path!`, which wants a literal. Left out: the prefixes of the server functions (their macro
/// wants a literal; `domain::access` reads them), and tests.
#[test]
fn addresses_are_built_in_one_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let starts = [
        "\"/assets",
        "\"/products",
        "\"/catalogs",
        "\"/users\"",
        "\"/settings\"",
        "\"/sign-in",
        "\"/api-tokens",
        "\"/public/",
        "\"/static/",
        "\"/api/view/assets",
        "\"/api/view/renditions",
        "\"/api/manage/upload",
        "\"/api/catalog/import",
        "\"/api/\"",
        "\"/api/{",
        "\"/healthz",
        "\"/favicon",
        "path!(",
    ];
    let mut built_elsewhere = Vec::new();
    for file in files {
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        if name.starts_with("domain/paths") || name == "small_pieces.rs" {
            continue;
        }
        let whole = fs::read_to_string(&file).unwrap();
        let source = whole.split("\n#[cfg(test)]").next().unwrap_or_default();
        for line in source.lines().filter(|line| !line.trim_start().starts_with("//")) {
            if starts.iter().any(|start| line.contains(start)) {
                built_elsewhere.push(format!("{name}: {}", line.trim()));
            }
        }
    }
    assert!(built_elsewhere.is_empty(), "{built_elsewhere:#?}");
}
