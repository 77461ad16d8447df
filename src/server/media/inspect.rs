//! The type and size of a file from its first bytes: magic numbers for the MIME type, the image
//! header for pixel dimensions (with EXIF orientation applied). No pixel is decoded, so a
//! decompression bomb costs nothing here; decoding, with limits, is the rendition job's work.
//!
//! Header parsing is CPU work: call it from `spawn_blocking` or a job, not on the executor.

use image::{ImageDecoder, ImageReader, metadata::Orientation};
use std::io::Cursor;

use crate::domain::{Dimensions, FileType, MediaInfo};

/// How many leading bytes `inspect` wants. Image headers (with EXIF) nearly always fit; when one
/// does not, the dimensions stay unknown until a rendition decodes the picture.
pub const HEAD_BYTES: u64 = 1024 * 1024;

/// Inspects the first bytes of a file (up to `HEAD_BYTES`, or the whole file if shorter).
pub fn inspect(head: &[u8]) -> MediaInfo {
    let mime = sniff_mime(head);
    let file_type = FileType::of_mime(&mime);
    let dimensions = if file_type == FileType::Image {
        upright_dimensions(head)
    } else {
        None
    };
    MediaInfo {
        mime,
        file_type,
        dimensions,
    }
}

/// `inspect`, on a blocking thread, of a file that starts with `start` (bytes past `HEAD_BYTES`
/// are not looked at).
///
/// # Errors
/// `Internal` when the blocking thread fails.
pub async fn inspect_head(start: bytes::Bytes) -> Result<MediaInfo, crate::domain::AppError> {
    let head = start.slice(..start.len().min(usize::try_from(HEAD_BYTES).unwrap_or(usize::MAX)));
    tokio::task::spawn_blocking(move || inspect(&head))
        .await
        .map_err(|e| crate::server::errors::internal("inspect", e))
}

fn sniff_mime(head: &[u8]) -> String {
    let sniffed = infer::get(head).map(|kind| kind.mime_type());
    match sniffed {
        // XML may be a picture: an SVG must be known as one (it can carry script).
        Some("text/xml" | "application/xml") | None if looks_like_text(head) => sniff_text(head),
        Some(mime) => mime.to_owned(),
        None => "application/octet-stream".to_owned(),
    }
}

fn sniff_text(head: &[u8]) -> String {
    let start = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    let start = start.trim_start_matches('\u{feff}').trim_start();
    if start.contains("<svg") {
        "image/svg+xml".to_owned()
    } else if start.starts_with("<!doctype html") || start.starts_with("<html") {
        "text/html".to_owned()
    } else if start.starts_with("<?xml") {
        "text/xml".to_owned()
    } else {
        "text/plain".to_owned()
    }
}

/// UTF-8 without NUL bytes; a character cut off at the end of the head still counts.
fn looks_like_text(head: &[u8]) -> bool {
    !head.is_empty()
        && !head.contains(&0)
        && match std::str::from_utf8(head) {
            Ok(_) => true,
            Err(error) => error.error_len().is_none(),
        }
}

fn upright_dimensions(head: &[u8]) -> Option<Dimensions> {
    let mut decoder = ImageReader::new(Cursor::new(head))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    let (width, height) = decoder.dimensions();
    let turned = matches!(
        exif_orientation(&mut decoder),
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    Some(if turned {
        Dimensions {
            width: height,
            height: width,
        }
    } else {
        Dimensions { width, height }
    })
}

/// The EXIF orientation in a picture's header. Some writers (Pillow, for WebP) start the EXIF
/// data with JPEG's `Exif\0\0` marker, which the `image` crate does not expect: it is skipped.
pub fn exif_orientation(decoder: &mut impl ImageDecoder) -> Orientation {
    match decoder.exif_metadata() {
        Ok(Some(exif)) => {
            let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(&exif);
            Orientation::from_exif_chunk(tiff).unwrap_or(Orientation::NoTransforms)
        }
        _ => decoder.orientation().unwrap_or(Orientation::NoTransforms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn head_of(path: &str) -> Vec<u8> {
        let bytes = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        bytes[..bytes.len().min(HEAD_BYTES as usize)].to_vec()
    }

    fn shared(name: &str) -> MediaInfo {
        inspect(&head_of(&format!("tests/fixtures/{name}")))
    }

    fn size(width: u32, height: u32) -> Option<Dimensions> {
        Some(Dimensions { width, height })
    }

    #[test]
    fn every_image_format_reports_its_type_and_size() {
        for (name, mime) in [
            ("hopper.jpg", "image/jpeg"),
            ("hopper.png", "image/png"),
            ("hopper.gif", "image/gif"),
            ("hopper.webp", "image/webp"),
            ("hopper.tif", "image/tiff"),
        ] {
            let info = shared(name);
            assert_eq!((info.mime.as_str(), info.file_type), (mime, FileType::Image), "{name}");
            assert_eq!(info.dimensions, size(128, 128), "{name}");
        }
        assert_eq!(shared("photo-fallenleaf-2560x1600.jpg").dimensions, size(2560, 1600));
    }

    #[test]
    fn a_photo_shot_sideways_reports_its_upright_size() {
        let info = inspect(&head_of("tests/fixtures/leaf-320x200-orientation-6.jpg"));
        assert_eq!(info.dimensions, size(200, 320));
    }

    #[test]
    fn documents_and_sound_are_known_by_content() {
        let pdf = shared("qoi-specification.pdf");
        assert_eq!(
            (pdf.mime.as_str(), pdf.file_type, pdf.dimensions),
            ("application/pdf", FileType::Document, None)
        );
        let ogg = shared("service-login.oga");
        assert_eq!((ogg.mime.as_str(), ogg.file_type), ("audio/ogg", FileType::Audio));
    }

    /// Its screen header says 32 × 32; the trap is a frame claiming a huge canvas, which only
    /// decoding meets. Inspection reads the header and never reaches it.
    #[test]
    fn a_decompression_bomb_is_inspected_from_its_header_alone() {
        let info = shared("decompression_bomb.gif");
        assert_eq!((info.file_type, info.dimensions), (FileType::Image, size(32, 32)));
    }

    #[test]
    fn text_svg_html_and_unknown_bytes() {
        assert_eq!(
            inspect("Produktname;Preis\nApfel;1,20 €\n".as_bytes()).mime,
            "text/plain"
        );
        let svg = inspect(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        assert_eq!(
            (svg.mime.as_str(), svg.file_type, svg.dimensions),
            ("image/svg+xml", FileType::Image, None)
        );
        assert_eq!(inspect(b"<!DOCTYPE html><html></html>").mime, "text/html");
        assert_eq!(inspect(b"<?xml version=\"1.0\"?><catalog/>").mime, "text/xml");
        assert_eq!(inspect(&[0x00, 0x13, 0x37, 0xff]).file_type, FileType::Other);
        assert_eq!(inspect(b"").file_type, FileType::Other);
    }

    #[test]
    fn a_text_head_cut_inside_a_character_is_still_text() {
        let text = "Größe: 40 × 30 cm".as_bytes();
        let cut = &text[..text.len() - 1];
        assert_eq!(inspect(cut).file_type, FileType::Text);
    }
}
