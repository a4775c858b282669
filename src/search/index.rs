//! The search index on disk: an embedded Tantivy index with one document
//! per searchable record, opened or created in a directory, and the one
//! writer that changes it.
//!
//! The index is derived data: the database is the record, and
//! [`super::sync`] rebuilds or catches the index up from it. So whatever
//! is wrong with the directory (a missing or damaged index, an older
//! schema, a directory another server holds) is answered by starting over,
//! never by refusing to serve.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::kinds::kind_code;
use super::Marks;
use crate::domain::NodeKind;
use crate::error::{Error, Result};

/// The memory the writer may fill before it writes a segment: bounded, so
/// building the index for a million records takes the same memory as for a
/// thousand.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// One record's searchable text, as the database has it now.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Its kind.
    pub kind: NodeKind,
    /// Its row ID.
    pub id: i64,
    /// Its name or title (empty for statements).
    pub title: String,
    /// Its other names, joined with ` | `.
    pub aliases: String,
    /// Its text: a description, summary or statement.
    pub body: String,
}

/// The index's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    /// `kind << 48 | id`: the term a record's document is replaced by.
    pub key: Field,
    /// The kind's code ([`kind_code`]), for type filters and facet counts.
    pub kind: Field,
    /// The record's row ID.
    pub id: Field,
    /// The folded title, aliases and body, searched.
    pub title: Field,
    /// See `title`.
    pub aliases: Field,
    /// See `title`.
    pub body: Field,
    /// The title, aliases and body as written, for snippets.
    pub title_text: Field,
    /// See `title_text`.
    pub aliases_text: Field,
    /// See `title_text`.
    pub body_text: Field,
    /// How many words the title has: among equal matches, the shorter name
    /// is the more specific answer.
    pub title_words: Field,
}

impl Fields {
    /// The schema and its fields.
    fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let number = NumericOptions::default().set_indexed().set_fast();
        let folded = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            key: builder.add_u64_field("key", NumericOptions::default().set_indexed()),
            kind: builder.add_u64_field("kind", number.clone()),
            id: builder.add_u64_field("id", number.clone()),
            title: builder.add_text_field("title", folded.clone()),
            aliases: builder.add_text_field("aliases", folded.clone()),
            body: builder.add_text_field("body", folded),
            title_text: builder.add_text_field("title_text", STORED),
            aliases_text: builder.add_text_field("aliases_text", STORED),
            body_text: builder.add_text_field("body_text", STORED),
            title_words: builder.add_u64_field("title_words", number),
        };
        (builder.build(), fields)
    }

    /// The term that names the document of record `id` of `kind`.
    pub fn key_term(&self, kind: NodeKind, id: i64) -> Option<Term> {
        let code = kind_code(kind)?;
        Some(Term::from_field_u64(self.key, code << 48 | id as u64))
    }

    /// The Tantivy document of `doc`.
    fn document(&self, doc: &Doc) -> Option<TantivyDocument> {
        let fold = crate::domain::slug::fold_words;
        let code = kind_code(doc.kind)?;
        let title = fold(&doc.title);
        let mut out = TantivyDocument::default();
        out.add_u64(self.key, code << 48 | doc.id as u64);
        out.add_u64(self.kind, code);
        out.add_u64(self.id, doc.id as u64);
        out.add_u64(self.title_words, title.split(' ').count() as u64);
        out.add_text(self.title, &title);
        out.add_text(self.aliases, fold(&doc.aliases));
        out.add_text(self.body, fold(&doc.body));
        out.add_text(self.title_text, &doc.title);
        out.add_text(self.aliases_text, &doc.aliases);
        out.add_text(self.body_text, &doc.body);
        Some(out)
    }
}

/// An open index: its reader for searches and its writer for changes.
pub struct Store {
    /// The Tantivy index.
    pub index: Index,
    /// Searches read through this; reloaded after each commit.
    pub reader: IndexReader,
    /// The fields.
    pub fields: Fields,
    /// What searches read of each match besides its score, per segment.
    pub facts: std::sync::Arc<super::facts::Facts>,
    /// How many searches are reading the index now.
    pub running: std::sync::atomic::AtomicUsize,
    writer: Mutex<IndexWriter>,
    /// Where it lives.
    pub dir: PathBuf,
    /// A private directory (PostgreSQL, or a directory another server
    /// holds), removed when the index closes.
    _temporary: Option<tempfile::TempDir>,
}

/// The payload format of a commit; a different one means a rebuild.
const FORMAT: u32 = 1;

impl Store {
    /// Opens the index in `dir`, or creates it there; with no directory, or
    /// when another process holds `dir`, in a private temporary directory.
    pub fn open(dir: Option<&Path>) -> Result<Store> {
        if let Some(dir) = dir {
            match Store::open_in(dir, None) {
                Ok(store) => return Ok(store),
                Err(err) => tracing::warn!(
                    dir = %dir.display(),
                    ?err,
                    "the search index directory cannot be used; using a private one"
                ),
            }
        }
        let temporary = tempfile::Builder::new()
            .prefix("quipu-search-")
            .tempdir()
            .map_err(|e| Error::Internal(format!("a temporary search directory: {e}")))?;
        let path = temporary.path().to_path_buf();
        Store::open_in(&path, Some(temporary))
    }

    /// Opens the index in `dir`, or creates it there; fails if another
    /// process holds it.
    pub fn open_in(dir: &Path, temporary: Option<tempfile::TempDir>) -> Result<Store> {
        let failed = |e: &dyn std::fmt::Display| {
            Error::Internal(format!("search index at {}: {e}", dir.display()))
        };
        std::fs::create_dir_all(dir).map_err(|e| failed(&e))?;
        let (schema, fields) = Fields::schema();
        let directory = MmapDirectory::open(dir).map_err(|e| failed(&e))?;
        let index = match Index::open_or_create(directory, schema.clone()) {
            Ok(index) => index,
            Err(err) => {
                // An index of an older schema, or a damaged one: start over.
                tracing::warn!(%err, dir = %dir.display(), "search index unreadable; recreating it");
                clear(dir).map_err(|e| failed(&e))?;
                let directory = MmapDirectory::open(dir).map_err(|e| failed(&e))?;
                Index::create(directory, schema, Default::default()).map_err(|e| failed(&e))?
            }
        };
        let mut index = index;
        // Searches read the segments in parallel: the two-word search at a
        // million answers in 4–6 ms at rest instead of about 7 (BENCHMARKS.md,
        // "Search at a million").
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        index
            .set_multithread_executor(threads)
            .map_err(|e| failed(&e))?;
        let writer = index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| failed(&e))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| failed(&e))?;
        Ok(Store {
            index,
            reader,
            fields,
            facts: Default::default(),
            running: Default::default(),
            writer: Mutex::new(writer),
            dir: dir.to_path_buf(),
            _temporary: temporary,
        })
    }

    /// Where the index stands: the marks of its last commit, if it has
    /// one in this format.
    pub fn marks(&self) -> Option<Marks> {
        let metas = self.index.load_metas().ok()?;
        let payload: serde_json::Value = serde_json::from_str(metas.payload.as_deref()?).ok()?;
        (payload["format"].as_u64() == Some(u64::from(FORMAT))).then_some(Marks {
            revision: payload["revision"].as_i64()?,
            load: payload["load"].as_str()?.to_string(),
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, IndexWriter>> {
        self.writer
            .lock()
            .map_err(|_| Error::Internal("the search index writer failed earlier".into()))
    }

    /// Drops what was written since the last commit.
    pub fn rollback(&self) -> Result<()> {
        self.writer()?.rollback().map_err(internal)?;
        Ok(())
    }

    /// Removes every document (before a rebuild).
    pub fn clear(&self) -> Result<()> {
        self.writer()?.delete_all_documents().map_err(internal)?;
        Ok(())
    }

    /// Replaces the documents of the records of `kind` with `ids` by `docs`
    /// (records with no doc leave the index).
    pub fn replace(&self, kind: NodeKind, ids: &[i64], docs: &[Doc]) -> Result<()> {
        let writer = self.writer()?;
        for id in ids {
            if let Some(term) = self.fields.key_term(kind, *id) {
                writer.delete_term(term);
            }
        }
        drop(writer);
        self.add(docs)
    }

    /// Adds documents (the index holds none for these records).
    pub fn add(&self, docs: &[Doc]) -> Result<()> {
        let writer = self.writer()?;
        for doc in docs {
            if let Some(document) = self.fields.document(doc) {
                writer.add_document(document).map_err(internal)?;
            }
        }
        Ok(())
    }

    /// Commits what was written, marked as in step with the database at
    /// `marks`, and lets searches see it.
    pub fn commit(&self, marks: Marks) -> Result<()> {
        let payload = serde_json::json!({
            "format": FORMAT,
            "revision": marks.revision,
            "load": marks.load,
        });
        let mut writer = self.writer()?;
        let mut prepared = writer.prepare_commit().map_err(internal)?;
        prepared.set_payload(&payload.to_string());
        prepared.commit().map_err(internal)?;
        drop(writer);
        self.reader.reload().map_err(internal)?;
        // Merged and emptied segments are gone from the reader: forget their facts.
        self.facts.keep_only(&self.reader.searcher());
        Ok(())
    }

    /// How many documents searches see.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The index's size on disk, in bytes.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Removes an index's files from `dir`, keeping the directory.
fn clear(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(path)?;
        } else {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

/// A Tantivy error, as an internal error.
pub fn internal(err: impl std::fmt::Display) -> Error {
    Error::Internal(format!("search index: {err}"))
}
