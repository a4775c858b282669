//! Writing exported rows as JSON, NDJSON or CSV.

use serde_json::Value;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON array per table.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Comma-separated values with a header line (RFC 4180); empty is null.
    Csv,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
        }
    }

    /// The format with this extension (each format is named by its extension).
    pub fn from_extension(text: &str) -> Option<Self> {
        <Self as clap::ValueEnum>::from_str(text, false).ok()
    }

    /// The HTTP media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Ndjson => "application/x-ndjson",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Turns a table's rows into the bytes of one file, row by row.
pub struct RowWriter {
    format: Format,
    rows: u64,
}

impl RowWriter {
    /// A writer for one table's file.
    pub fn new(format: Format) -> Self {
        RowWriter { format, rows: 0 }
    }

    /// The bytes for the next row (a CSV file's first row brings the header).
    pub fn row(&mut self, row: &Value) -> String {
        let first = self.rows == 0;
        self.rows += 1;
        match self.format {
            Format::Ndjson => format!("{row}\n"),
            Format::Json => format!("{}{row}", if first { "[\n" } else { ",\n" }),
            Format::Csv => {
                let mut out = String::new();
                if first {
                    out.push_str(&csv_line(
                        row.as_object()
                            .into_iter()
                            .flat_map(|m| m.keys())
                            .map(|k| k.as_str()),
                    ));
                }
                let values = row.as_object().into_iter().flat_map(|m| m.values());
                let cells: Vec<String> = values.map(csv_cell).collect();
                out.push_str(&csv_line(cells.iter().map(String::as_str)));
                out
            }
        }
    }

    /// The bytes that close the file.
    pub fn finish(&self) -> &'static str {
        match (self.format, self.rows) {
            (Format::Json, 0) => "[]\n",
            (Format::Json, _) => "\n]\n",
            _ => "",
        }
    }
}

/// A JSON value as CSV cell text: null is empty, strings as they are.
fn csv_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// One CSV line, quoting cells that need it.
fn csv_line<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = cells
        .map(|cell| {
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.to_string()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_format_is_found_by_its_own_extension_and_only_by_it() {
        for format in [Format::Json, Format::Ndjson, Format::Csv] {
            assert_eq!(Format::from_extension(format.extension()), Some(format));
        }
        assert_eq!(Format::from_extension("CSV"), None);
        assert_eq!(Format::from_extension("xml"), None);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_leaves_null_empty() {
        let mut writer = RowWriter::new(Format::Csv);
        let text = writer.row(&json!({"id": 1, "text": "he said \"no\", twice", "date": null}));
        assert_eq!(text, "id,text,date\r\n1,\"he said \"\"no\"\", twice\",\r\n");
    }

    #[test]
    fn json_is_one_array() {
        let mut writer = RowWriter::new(Format::Json);
        let text = format!(
            "{}{}{}",
            writer.row(&json!({"a": 1})),
            writer.row(&json!({"a": 2})),
            writer.finish()
        );
        assert_eq!(
            serde_json::from_str::<Value>(&text).ok(),
            Some(json!([{"a": 1}, {"a": 2}]))
        );
    }
}
