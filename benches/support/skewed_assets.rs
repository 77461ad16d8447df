//! A million assets as a catalog team's library looks after three years, seeded straight into
//! the database: labels on a long tail (three on 5–9% of assets, 300 on about 0.2%, 5,000 on a
//! handful each), common and rare words in names, uploads spread over three years and edited
//! later, every file type and availability in uneven shares, links to 100,000 products (a third
//! published) and to 100 categories. Each asset's facts come from its own hashes of its number,
//! so no two facts line up with each other or with the order of the ids.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

pub const ASSETS: usize = 1_000_000;
pub const PRODUCTS: usize = 100_000;

/// The common labels and their shares, the filters an independent check would try first.
pub const COMMON_LABELS: [(&str, u32); 3] = [("summer", 9), ("sale", 7), ("hero", 5)];

/// Products, assets with a current version each, labels, product and category links.
///
/// # Panics
/// When a statement fails: the bench cannot go on.
pub async fn seed(db: &DatabaseConnection) {
    let backend = db.get_database_backend();
    let postgres = backend == DatabaseBackend::Postgres;
    let series = |n: usize| {
        if postgres {
            format!("generate_series(1::bigint, {n}) AS n(i)")
        } else {
            format!(
                "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s) AS n"
            )
        }
    };
    // A hash of the asset's number per fact: `i * prime mod 1,000,003`, a different prime each.
    let hash = |k: usize| {
        const PRIMES: [u64; 10] = [
            7_919, 104_729, 15_485_863, 32_452_843, 49_979_687, 86_028_121, 1_299_709, 2_750_159, 4_256_233, 6_291_469,
        ];
        format!("((i * {}) % 1000003)", PRIMES[k])
    };
    let padded = if postgres {
        "lpad(i::text, 7, '0')"
    } else {
        "printf('%07d', i)"
    };
    let word = format!(
        "CASE WHEN {h} % 1000 < 75 THEN 'shot' WHEN {h} % 1000 < 125 THEN 'detail' WHEN {h} % 1000 < 155 THEN 'packshot' \
         WHEN {h} % 1000 < 175 THEN 'lifestyle' ELSE 'w' || ({h} % 20011) END",
        h = hash(0)
    );
    let name = format!(
        "CASE WHEN i = 777777 THEN 'Zanzibar sandal' ELSE {word} || ' fam' || ({} % 500) || ' ' || {padded} END",
        hash(1)
    );
    // Added over three years up to yesterday, in the order of the ids, at a time of day of its
    // own; edited up to 400 days later, never after yesterday.
    let added_day = format!("((i - 1) * 1095 / {ASSETS})");
    let edited_day = format!("({added_day} + {} % 400)", hash(2));
    let instant = |day: &str, second: &str| {
        if postgres {
            format!(
                "CAST(timestamp '2023-12-07 00:00:00' + LEAST({day}, 1095) * interval '1 day' + ({second}) * interval '1 second' AS timestamptz)"
            )
        } else {
            format!(
                "strftime('%Y-%m-%dT%H:%M:%SZ', '2023-12-07', '+' || MIN({day}, 1095) || ' days', '+' || ({second}) || ' seconds')"
            )
        }
    };
    let added = instant(&added_day, &format!("{} % 86400", hash(3)));
    let edited = instant(&edited_day, &format!("{} % 86400", hash(3)));
    let types = format!(
        "CASE WHEN {h} % 100 < 55 THEN 'image' WHEN {h} % 100 < 65 THEN 'video' WHEN {h} % 100 < 80 THEN 'document' \
         WHEN {h} % 100 < 85 THEN 'audio' WHEN {h} % 100 < 92 THEN 'text' ELSE 'other' END",
        h = hash(4)
    );
    let availability = format!(
        "CASE WHEN {h} % 100 < 10 THEN 'public' WHEN {h} % 100 < 22 THEN 'internal' ELSE 'automatic' END",
        h = hash(5)
    );
    let by = format!("CASE WHEN {h} % 100 < 40 THEN 1 ELSE 1 + {h} % 6 END", h = hash(6));
    let label = |select: &str, condition: &str| {
        format!(
            "INSERT INTO asset_labels (asset_id, label) SELECT assets.id, {select} FROM ({}) n \
             JOIN assets ON code = 'item-' || {padded} WHERE {condition}",
            bare_series(postgres, ASSETS)
        )
    };
    let mut statements = vec![
        format!(
            "INSERT INTO products (number, name, name_search, description, status, created_at, updated_at) \
             SELECT 'P-' || {}, 'Product ' || i, 'product ' || i, '', CASE WHEN i % 3 = 0 THEN 'published' ELSE 'draft' END, \
             {added}, {added} FROM {}",
            if postgres {
                "lpad(i::text, 6, '0')"
            } else {
                "printf('%06d', i)"
            },
            series(PRODUCTS)
        ),
        format!(
            "INSERT INTO assets (code, name, description, availability, current_version_id, revision, name_sort, \
             file_size, static_token, created_at, created_by, updated_at) \
             SELECT 'item-' || {padded}, {name}, '', {availability}, NULL, 1, lower({name}), {h} * 53 % 50000000, NULL, \
             {added}, {by}, {edited} FROM {}",
            series(ASSETS),
            h = hash(7)
        ),
        format!(
            "INSERT INTO asset_versions (asset_id, number, content_key, file_name, mime, file_type, size, width, height, \
             created_at, created_by) SELECT assets.id, 1, 'seeded', code || '.jpg', 'image/jpeg', {types}, file_size, \
             NULL, NULL, created_at, created_by FROM ({}) n JOIN assets ON code = 'item-' || {padded}",
            bare_series(postgres, ASSETS)
        ),
        "UPDATE assets SET current_version_id = (SELECT v.id FROM asset_versions v WHERE v.asset_id = assets.id) \
         WHERE code LIKE 'item-%'"
            .to_owned(),
    ];
    for (k, (common, share)) in COMMON_LABELS.into_iter().enumerate() {
        statements.push(label(
            &format!("'{common}'"),
            &format!("{} % 100 < {share}", hash(k + 7)),
        ));
    }
    statements.extend([
        label(
            &format!("'mid-' || ({} % 300)", hash(0)),
            &format!("{} % 10 < 7", hash(1)),
        ),
        label(
            &format!("'tag-' || ({} % 5000)", hash(2)),
            &format!("{} % 10 < 3", hash(3)),
        ),
        format!(
            "INSERT INTO product_assets (product_id, asset_id, position) \
             SELECT (SELECT MIN(id) FROM products) + ({h} % {PRODUCTS}), assets.id, 0 FROM ({s}) n \
             JOIN assets ON code = 'item-' || {padded} WHERE {h} % 10 < 6",
            h = hash(8),
            s = bare_series(postgres, ASSETS)
        ),
        "INSERT INTO asset_categories (asset_id, category_id) \
         SELECT a.id, (SELECT MIN(id) FROM categories) + (a.id * 37 % 100) FROM assets a \
         WHERE a.code LIKE 'item-%' AND a.id * 13 % 10 < 2"
            .to_owned(),
    ]);
    for sql in statements {
        db.execute(Statement::from_string(backend, sql.clone()))
            .await
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
    }
    // What autovacuum does soon after such a load on PostgreSQL, done now so that every run
    // measures the same state. SQLite's statistics are damson's to keep as it starts.
    if postgres {
        db.execute(Statement::from_string(backend, "VACUUM ANALYZE"))
            .await
            .unwrap();
    }
}

/// The numbers 1 to `n` as a subquery with the column `i`.
fn bare_series(postgres: bool, n: usize) -> String {
    if postgres {
        format!("SELECT i FROM generate_series(1::bigint, {n}) AS g(i)")
    } else {
        format!("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s")
    }
}
