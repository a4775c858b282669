//! The `keys`, `export` and export-`import` commands of the binary.

use std::path::Path;

use anyhow::Context;
use quipu::auth::{self, Role};
use quipu::config::{DbArgs, KeysAction, SearchIndexAction};
use quipu::export::{self, Format};
use quipu::{db, store};

/// Connects and migrates.
async fn open(args: &DbArgs) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let (db, _) = db::connect(&args.database_url, 2)
        .await
        .context("connecting")?;
    db::migrate(&db).await.context("migrating the database")?;
    Ok(db)
}

/// An error of the library, for the binary.
pub fn fail(err: quipu::error::Error) -> anyhow::Error {
    anyhow::anyhow!("{}: {:?}", err.code(), err)
}

/// Creates, lists or revokes keys.
pub async fn keys(args: &DbArgs, action: KeysAction) -> anyhow::Result<()> {
    let db = open(args).await?;
    match action {
        KeysAction::Create { name, role } => {
            let role = Role::parse(&role).context("the role is reader, editor or admin")?;
            let secret = auth::create_key(&db, &name, role).await.map_err(fail)?;
            println!(
                "Created the {} key '{name}'. It is shown only this once:",
                role.as_str()
            );
            println!("{secret}");
        }
        KeysAction::List => {
            for key in store::keys::find_keys(&db).await.map_err(fail)? {
                let state = key
                    .revoked_at
                    .map_or("active".to_string(), |at| format!("revoked {at}"));
                println!(
                    "{}\t{}\tcreated {}\t{state}",
                    key.name, key.role, key.created_at
                );
            }
        }
        KeysAction::Revoke { name } => {
            let revoked = auth::revoke_key(&db, &name).await.map_err(fail)?;
            anyhow::ensure!(revoked, "there is no active key named '{name}'");
            println!("revoked '{name}'");
        }
    }
    Ok(())
}

/// Writes every kind's rows to `DIR/KIND.EXT`.
pub async fn export(args: &DbArgs, format: Format, out: &Path) -> anyhow::Result<()> {
    let db = open(args).await?;
    export::export_dir(&db, format, out).await.map_err(fail)?;
    println!("exported the graph to {}", out.display());
    Ok(())
}

/// Whether a directory holds an export rather than a TOML dataset.
pub fn is_export(path: &Path) -> bool {
    ["persons.ndjson", "persons.json"]
        .iter()
        .any(|name| path.join(name).exists())
}

/// Imports an export directory into an empty database.
pub async fn import_export(db: &sea_orm::DatabaseConnection, path: &Path) -> anyhow::Result<()> {
    let counts = export::import_export(db, path).await.map_err(fail)?;
    let summary: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!("imported {}: {}", path.display(), summary.join(", "));
    Ok(())
}

/// `quipu search-index rebuild`: rebuilds the index in its directory from the database.
pub async fn search_index(
    args: &DbArgs,
    dir: Option<&Path>,
    action: SearchIndexAction,
) -> anyhow::Result<()> {
    let db = open(args).await?;
    db::migrate(&db).await.context("migrating the database")?;
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => quipu::search::default_dir(&db).context(
            "this database has no default search directory (each PostgreSQL server builds its own at start); give --search-dir",
        )?,
    };
    match action {
        SearchIndexAction::Rebuild => {
            let started = std::time::Instant::now();
            let index = quipu::search::SearchIndex::open_owned(db, &dir).map_err(fail)?;
            index.rebuild_now().await.map_err(fail)?;
            let (documents, bytes) = index.size();
            println!(
                "rebuilt the search index in {}: {documents} documents, {:.1} MB, {:.1} s",
                dir.display(),
                bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}
