//! Command line and environment.
//!
//! | variable | flag | default |
//! |---|---|---|
//! | `DATABASE_URL` | `--database-url` | `sqlite://quipu.db?mode=rwc` |
//! | `QUIPU_ADDR` | `--addr` | `127.0.0.1:8000` |
//! | `QUIPU_DATA_DIR` | `--data-dir` | the bundled `data/` |
//! | `QUIPU_MAX_CONNECTIONS` | `--max-connections` | `10` |
//! | `QUIPU_CORS_ORIGINS` | `--cors-origins` | `*` (any origin) |
//! | `QUIPU_LOG_FORMAT` | `--log-format` | `text` (or `json`) |
//! | `QUIPU_REQUIRE_READ_KEY` | `--require-read-key` | `false` (reads are open) |
//! | `QUIPU_SEARCH_DIR` | `--search-dir` | beside the SQLite file (`quipu.db.search`), or a temporary directory |
//! | `RUST_LOG` | | `info` |
//!
//! The limits that protect the service, and the server's timeouts, are in
//! [`LimitsConfig`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod limits;
pub use limits::LimitsConfig;

/// Quipu: a GraphQL knowledge graph of human-rights events, every fact traceable to its source.
#[derive(Debug, Parser)]
#[command(name = "quipu", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The settings of `serve`, when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once at start-up; boxing would only complicate clap"
)]
pub enum Command {
    /// Migrate the database, load the bundled dataset if it is empty, and serve GraphQL and GraphiQL.
    Serve(ServeArgs),
    /// Apply pending migrations (or revert them all with --down).
    Migrate {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// Revert every migration instead, dropping the graph's tables.
        #[arg(long)]
        down: bool,
    },
    /// Import a dataset directory (TOML files) in one transaction; importing twice changes nothing.
    Import {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// The dataset directory.
        path: PathBuf,
    },
    /// Check every statement text and citation excerpt of a dataset against the source documents in DIR.
    Verify {
        /// The folder holding the source documents' text files.
        dir: PathBuf,
        /// The dataset directory.
        #[arg(long, env = "QUIPU_DATA_DIR", default_value = default_data_dir())]
        data: PathBuf,
    },
    /// Register operations for the allow-list (`QUIPU_ALLOWLIST=true`), or list them.
    Operations {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// What to do.
        #[command(subcommand)]
        action: OperationsAction,
    },
    /// Fill an empty database with a synthetic graph of realistic shape, for benchmarks.
    Generate {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// How many statements (the other counts follow from it).
        #[arg(long, default_value_t = 10_000)]
        statements: u64,
        /// The random seed: the same seed gives the same graph.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Manage the search index (it builds and follows the database by itself; this rebuilds it on demand).
    SearchIndex {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// The index's directory (default: beside the SQLite file).
        #[arg(long, env = "QUIPU_SEARCH_DIR")]
        search_dir: Option<PathBuf>,
        /// What to do.
        #[command(subcommand)]
        action: SearchIndexAction,
    },
    /// Create, list and revoke API keys.
    Keys {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// What to do.
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Export the whole graph, one file per kind, streamed (`quipu import DIR` reads it back).
    Export {
        /// The database.
        #[command(flatten)]
        db: DbArgs,
        /// The file format.
        #[arg(long, value_enum, default_value = "ndjson")]
        format: crate::export::Format,
        /// The directory to write to (created if missing).
        #[arg(long, default_value = "quipu-export")]
        out: PathBuf,
    },
    /// Print the GraphQL schema (SDL), or write it to a file.
    Schema {
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// `quipu keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Make a key; its secret is printed once, as the last word of the output.
    Create {
        /// A name for the key: who or what uses it.
        #[arg(long)]
        name: String,
        /// `reader`, `editor` or `admin`.
        #[arg(long, value_parser = ["reader", "editor", "admin"])]
        role: String,
    },
    /// List the keys (names, roles, dates; never the secrets).
    List,
    /// Revoke a key by name.
    Revoke {
        /// The key's name.
        name: String,
    },
}

/// `quipu search-index` subcommands.
#[derive(Debug, Subcommand)]
pub enum SearchIndexAction {
    /// Rebuild the index from the database (stop the servers that use the directory first).
    Rebuild,
}

/// `quipu operations` subcommands.
#[derive(Debug, Subcommand)]
pub enum OperationsAction {
    /// Register every operation in a `.graphql` file (one document; each named operation is registered).
    Add {
        /// The file.
        file: PathBuf,
    },
    /// List the registered operations with their SHA-256 hashes.
    List,
}

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// The database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://quipu.db?mode=rwc"
    )]
    pub database_url: String,
    /// The most connections in the pool.
    #[arg(long, env = "QUIPU_MAX_CONNECTIONS", default_value_t = 10)]
    pub max_connections: u32,
}

/// The settings of `quipu serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The database.
    #[command(flatten)]
    pub db: DbArgs,
    /// The address to listen on.
    #[arg(long, env = "QUIPU_ADDR", default_value = "127.0.0.1:8000")]
    pub addr: String,
    /// The dataset loaded into an empty database at start-up.
    #[arg(long, env = "QUIPU_DATA_DIR", default_value = default_data_dir())]
    pub data_dir: PathBuf,
    /// HTTP settings.
    #[command(flatten)]
    pub http: HttpConfig,
    /// Log format: `text` or `json`.
    #[arg(long, env = "QUIPU_LOG_FORMAT", default_value = "text")]
    pub log_format: String,
}

/// A server's settings besides its database: HTTP, limits, the search index.
#[derive(Debug, Clone, Args)]
pub struct HttpConfig {
    /// Origins allowed to call the API from a browser, comma-separated, or `*` for any.
    #[arg(
        long,
        env = "QUIPU_CORS_ORIGINS",
        default_value = "*",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    /// Reads need an API key too (any role); writes always need an editor key.
    #[arg(long, env = "QUIPU_REQUIRE_READ_KEY", default_value_t = false, action = clap::ArgAction::Set)]
    pub require_read_key: bool,
    /// Serve `/metrics` without a key on this address too (the API's `/metrics` needs an admin key).
    #[arg(long, env = "QUIPU_METRICS_ADDR")]
    pub metrics_addr: Option<String>,
    /// Limits that protect the service.
    #[command(flatten)]
    pub limits: LimitsConfig,
    /// The search index's directory (default: beside the SQLite file, or a
    /// private temporary directory for PostgreSQL and in-memory SQLite).
    #[arg(long, env = "QUIPU_SEARCH_DIR")]
    pub search_dir: Option<PathBuf>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            cors_origins: vec!["*".into()],
            require_read_key: false,
            metrics_addr: None,
            limits: LimitsConfig::default(),
            search_dir: None,
        }
    }
}

/// The bundled dataset: `data/` in the source tree.
fn default_data_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/data")
}
