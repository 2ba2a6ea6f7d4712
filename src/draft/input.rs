//! Reading an article file: plain text (`.txt`), Markdown (`.md`, read as text: its marks are
//! not names) or HTML (`.html`, `.htm`: turned into text by `html2text`, which drops scripts,
//! styles and tags). Anything else is read as text.
//!
//! Invariants: a file that cannot be read, is not UTF-8, is empty or is larger than
//! [`MAX_ARTICLE_BYTES`] is an error naming the file and the reason, never a panic.

use std::path::Path;

/// The largest article read (16 MiB: a long book; news articles are a few kilobytes).
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be opened or read.
    #[error("{path}: cannot be read: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// Too big.
    #[error("{path}: {bytes} bytes is more than an article ({MAX_ARTICLE_BYTES} bytes at most)")]
    TooBig {
        /// The file.
        path: String,
        /// Its size.
        bytes: u64,
    },
    /// Not UTF-8 text.
    #[error("{path}: not UTF-8 text (byte {valid_up_to} is not)")]
    NotText {
        /// The file.
        path: String,
        /// Where the text stops being UTF-8.
        valid_up_to: usize,
    },
    /// HTML that could not be turned into text.
    #[error("{path}: the HTML cannot be read: {reason}")]
    Html {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Nothing to read.
    #[error("{path}: the article is empty")]
    Empty {
        /// The file.
        path: String,
    },
}

/// Read an article file as text.
pub fn read_article(path: &Path) -> Result<String, ArticleError> {
    let name = path.display().to_string();
    let io = |source| ArticleError::Io {
        path: name.clone(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(io)?.len();
    if bytes > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooBig { path: name, bytes });
    }
    let raw = std::fs::read(path).map_err(io)?;
    let is_html = path
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm"));
    let text = match String::from_utf8(raw) {
        Ok(text) => text,
        Err(error) => {
            return Err(ArticleError::NotText {
                path: name,
                valid_up_to: error.utf8_error().valid_up_to(),
            });
        }
    };
    let text = if is_html {
        html_to_text(&text).map_err(|reason| ArticleError::Html {
            path: name.clone(),
            reason,
        })?
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(ArticleError::Empty { path: name });
    }
    Ok(text)
}

/// The text of an HTML document, paragraphs separated by blank lines, no wrapping, no link
/// footnotes (long paragraphs are wrapped at 4,096 columns and joined again by the finder).
pub fn html_to_text(html: &str) -> Result<String, String> {
    html2text::config::plain_no_decorate()
        .link_footnotes(false)
        .string_from_read(html.as_bytes(), 4096)
        .map_err(|error| error.to_string())
}
