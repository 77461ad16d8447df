use serde::{Deserialize, Serialize};
use std::fmt;

use super::coded::coded;

/// The kind of file an asset version holds, decided from its content, never its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Image,
    Audio,
    Video,
    Document,
    Text,
    Other,
}

coded!(FileType, |code| -> String { format!("unknown file type {code:?}") }, {
    Image => "image", "Image";
    Audio => "audio", "Audio";
    Video => "video", "Video";
    Document => "document", "Document";
    Text => "text", "Text";
    Other => "other", "Other";
});

impl FileType {
    /// The class of a MIME type such as `image/jpeg` or `application/pdf`.
    pub fn of_mime(mime: &str) -> FileType {
        let essence = mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
        match top {
            "image" => FileType::Image,
            "audio" => FileType::Audio,
            "video" => FileType::Video,
            "text" => FileType::Text,
            "application" if is_document(sub) => FileType::Document,
            _ => FileType::Other,
        }
    }
}

fn is_document(subtype: &str) -> bool {
    subtype == "pdf"
        || subtype == "rtf"
        || subtype == "msword"
        || subtype == "epub+zip"
        || subtype.starts_with("vnd.openxmlformats-officedocument")
        || subtype.starts_with("vnd.oasis.opendocument")
        || subtype.starts_with("vnd.ms-excel")
        || subtype.starts_with("vnd.ms-powerpoint")
}

/// Pixel size as a person sees the picture: upright, after its EXIF orientation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    pub width: u32,
    pub height: u32,
}

impl fmt::Display for Dimensions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} × {} px", self.width, self.height)
    }
}

/// What a file's first bytes tell: its MIME type, its class, and a picture's upright size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaInfo {
    pub mime: String,
    pub file_type: FileType,
    pub dimensions: Option<Dimensions>,
}

impl MediaInfo {
    /// What was found, as it was kept: the file type follows from the MIME type.
    pub fn of(mime: String, dimensions: Option<Dimensions>) -> Self {
        MediaInfo {
            file_type: FileType::of_mime(&mime),
            mime,
            dimensions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_fall_into_the_six_classes() {
        assert_eq!(FileType::of_mime("image/jpeg"), FileType::Image);
        assert_eq!(FileType::of_mime("Audio/Ogg"), FileType::Audio);
        assert_eq!(FileType::of_mime("video/mp4"), FileType::Video);
        assert_eq!(FileType::of_mime("application/pdf"), FileType::Document);
        assert_eq!(
            FileType::of_mime("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            FileType::Document
        );
        assert_eq!(FileType::of_mime("text/plain; charset=utf-8"), FileType::Text);
        assert_eq!(FileType::of_mime("application/zip"), FileType::Other);
        assert_eq!(FileType::of_mime("nonsense"), FileType::Other);
    }

    #[test]
    fn codes_round_trip_and_labels_are_not_codes() {
        for file_type in FileType::ALL {
            assert_eq!(file_type.code().parse::<FileType>(), Ok(file_type));
        }
        assert!("Image".parse::<FileType>().is_err());
    }

    #[test]
    fn dimensions_read_as_people_write_them() {
        assert_eq!(
            Dimensions {
                width: 2560,
                height: 1600
            }
            .to_string(),
            "2560 × 1600 px"
        );
    }
}
