//! KMZ: a zip holding KML (`doc.kml` at the top, or else the first `.kml` inside), read with
//! the `zip` crate, and written as a zip holding `doc.kml`. An entry that says (or turns out)
//! to unpack to more than [`MAX_FILE_BYTES`] is refused before it fills memory.

use crate::story::MAX_FILE_BYTES;
use std::io::{Cursor, Read as _, Write as _};

/// The KML inside the KMZ `bytes`, or why there is none.
pub(crate) fn kml_in_kmz(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| format!("not a KMZ (zip) file: {error}"))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .collect();
    let chosen = names
        .iter()
        .find(|name| name.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| {
            names
                .iter()
                .find(|name| name.to_ascii_lowercase().ends_with(".kml"))
        })
        .ok_or_else(|| {
            let mut listed: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
            if names.len() > 5 {
                listed.push("…");
            }
            format!(
                "the KMZ holds no .kml file (it holds: {})",
                listed.join(", ")
            )
        })?
        .clone();
    let limit_mib = MAX_FILE_BYTES / (1024 * 1024);
    let entry = archive
        .by_name(&chosen)
        .map_err(|error| format!("{chosen} in the KMZ cannot be read: {error}"))?;
    if entry.size() > MAX_FILE_BYTES {
        return Err(format!(
            "{chosen} in the KMZ unpacks to {} bytes, more than {limit_mib} MiB",
            entry.size()
        ));
    }
    let mut kml = Vec::new();
    // The declared size may lie: read one byte past the limit at most.
    entry
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut kml)
        .map_err(|error| format!("{chosen} in the KMZ cannot be unpacked: {error}"))?;
    if kml.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{chosen} in the KMZ unpacks to more than {limit_mib} MiB"
        ));
    }
    Ok(kml)
}

/// A KMZ holding `kml` as `doc.kml`, deflated.
pub(crate) fn kmz_of(kml: &[u8]) -> Result<Vec<u8>, String> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("doc.kml", options)
        .and_then(|()| writer.write_all(kml).map_err(Into::into))
        .map_err(|error| format!("the KMZ could not be written: {error}"))?;
    let cursor = writer
        .finish()
        .map_err(|error| format!("the KMZ could not be written: {error}"))?;
    Ok(cursor.into_inner())
}
