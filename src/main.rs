//! The `quipu` binary: config → telemetry → database → migrate → serve.

use anyhow::Context;
use clap::Parser;
use quipu::config::{Cli, Command, DbArgs, OperationsAction, ServeArgs};
use quipu::{db, graphql, ingest, telemetry, AppState};

mod commands;

/// mimalloc instead of glibc's malloc: a nested read allocates many small
/// strings and values, and glibc's allocator (malloc, free, consolidation)
/// took about 30% of the nested list's CPU samples under load (BENCHMARKS.md,
/// "Rows read by position, and the allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let traces = telemetry::init(&cli.serve.log_format);
    let result = match cli.command {
        None => serve(cli.serve).await,
        Some(Command::Serve(args)) => serve(args).await,
        Some(Command::Migrate { db, down }) => migrate(&db, down).await,
        Some(Command::Import { db, path }) => import(&db, &path).await,
        Some(Command::Verify { dir, data }) => verify(&dir, &data),
        Some(Command::Schema { out }) => schema(out.as_deref()),
        Some(Command::Keys { db, action }) => commands::keys(&db, action).await,
        Some(Command::SearchIndex {
            db,
            search_dir,
            action,
        }) => commands::search_index(&db, search_dir.as_deref(), action).await,
        Some(Command::Export { db, format, out }) => commands::export(&db, format, &out).await,
        Some(Command::Operations { db, action }) => operations(&db, action).await,
        Some(Command::Generate {
            db,
            statements,
            seed,
        }) => generate(&db, statements, seed).await,
    };
    if let Some(provider) = traces {
        // Flushes the spans still batched; the exporter blocks, so off the runtime.
        let _ = tokio::task::spawn_blocking(move || provider.shutdown()).await;
    }
    result
}

/// Serves GraphQL until Ctrl-C or SIGTERM, after migrating and loading the bundled data into an empty database.
async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let (db, metrics) = db::connect(&args.db.database_url, args.db.max_connections)
        .await
        .with_context(|| format!("connecting to {}", args.db.database_url))?;
    db::migrate(&db).await.context("migrating the database")?;
    if ingest::is_empty(&db).await.context("checking for data")? {
        let dataset = ingest::Dataset::load(&args.data_dir)
            .with_context(|| format!("reading the dataset in {}", args.data_dir.display()))?;
        let summary = ingest::import(&db, &dataset)
            .await
            .context("loading the bundled dataset")?;
        tracing::info!(%summary, "loaded the bundled dataset");
    }
    db::refresh_statistics(&db, true)
        .await
        .context("gathering the query planner's statistics")?;
    let limits = &args.http.limits;
    let timeouts = quipu::server::Timeouts {
        idle: std::time::Duration::from_secs(limits.idle_timeout_secs),
        header: std::time::Duration::from_secs(limits.header_timeout_secs),
    };
    let metrics_addr = args.http.metrics_addr.clone();
    let state = AppState::new(db, args.http, metrics).map_err(commands::fail)?;
    state.search.catch_up().await.map_err(commands::fail)?;
    if let Some(addr) = metrics_addr {
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .with_context(|| format!("listening on {addr} for /metrics"))?;
        tracing::info!("Prometheus metrics at http://{addr}/metrics");
        let metrics = quipu::metrics_app(state.clone());
        tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, metrics).await {
                tracing::error!(%err, "the metrics listener stopped");
            }
        });
    }
    let app = quipu::app(state);
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    tracing::info!(
        "Quipu is serving GraphiQL at http://{}/ and GraphQL at http://{}/graphql",
        args.addr,
        args.addr
    );
    quipu::server::serve(listener, app, timeouts, quipu::http::shutdown_signal())
        .await
        .context("serving")
}

/// Applies or reverts the migrations.
async fn migrate(args: &DbArgs, down: bool) -> anyhow::Result<()> {
    let (db, _) = db::connect(&args.database_url, 1)
        .await
        .context("connecting")?;
    if down {
        db::migrate_down(&db)
            .await
            .context("reverting migrations")?;
    } else {
        db::migrate(&db).await.context("applying migrations")?;
    }
    Ok(())
}

/// Imports a dataset directory.
async fn import(args: &DbArgs, path: &std::path::Path) -> anyhow::Result<()> {
    let (db, _) = db::connect(&args.database_url, 1)
        .await
        .context("connecting")?;
    db::migrate(&db).await.context("migrating the database")?;
    if commands::is_export(path) {
        commands::import_export(&db, path).await?;
    } else {
        let dataset =
            ingest::Dataset::load(path).with_context(|| format!("reading {}", path.display()))?;
        let summary = ingest::import(&db, &dataset).await?;
        println!("imported {}: {summary}", path.display());
    }
    db::refresh_statistics(&db, false)
        .await
        .context("gathering the query planner's statistics")
}

/// Verifies quotes and excerpts against the source texts; fails if any differ.
fn verify(dir: &std::path::Path, data: &std::path::Path) -> anyhow::Result<()> {
    let dataset =
        ingest::Dataset::load(data).with_context(|| format!("reading {}", data.display()))?;
    let report = ingest::verify(&dataset, dir)?;
    print!("{report}");
    anyhow::ensure!(
        report.is_clean(),
        "{} mismatch(es)",
        report.mismatches.len()
    );
    Ok(())
}

/// Prints or writes the SDL.
fn schema(out: Option<&std::path::Path>) -> anyhow::Result<()> {
    let sdl = graphql::sdl();
    match out {
        Some(path) => {
            std::fs::write(path, sdl).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            print!("{sdl}");
            Ok(())
        }
    }
}

/// Registers or lists persisted operations.
async fn operations(args: &DbArgs, action: OperationsAction) -> anyhow::Result<()> {
    let (db, _) = db::connect(&args.database_url, 1)
        .await
        .context("connecting")?;
    db::migrate(&db).await.context("migrating the database")?;
    match action {
        OperationsAction::Add { file } => {
            let document = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            async_graphql::parser::parse_query(&document)
                .with_context(|| format!("{} is not a GraphQL document", file.display()))?;
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let hash = quipu::store::operations::insert_operation(&db, &name, &document)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("{hash} {name}");
        }
        OperationsAction::List => {
            for op in quipu::store::operations::find_operations(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?
            {
                println!("{} {}", op.sha256, op.name);
            }
        }
    }
    Ok(())
}

/// Fills an empty database with a synthetic graph.
async fn generate(args: &DbArgs, statements: u64, seed: u64) -> anyhow::Result<()> {
    let (db, _) = db::connect(&args.database_url, 1)
        .await
        .context("connecting")?;
    db::migrate(&db).await.context("migrating the database")?;
    anyhow::ensure!(
        ingest::is_empty(&db).await?,
        "the database is not empty: generate into a new one"
    );
    let started = std::time::Instant::now();
    let shape = quipu::generate::Shape::for_statements(statements);
    let summary = quipu::generate::generate(&db, shape, seed)
        .await
        .context("generating")?;
    db::refresh_statistics(&db, false)
        .await
        .context("gathering the query planner's statistics")?;
    println!(
        "generated {summary} in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
