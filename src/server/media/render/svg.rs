//! SVG pictures, drawn by resvg straight at each rendition's size. An uploaded SVG is someone
//! else's document: its scripts never run (resvg has no script engine), and it may not read
//! anything outside itself: `<image href="/etc/…">` and other paths are ignored, and pictures
//! embedded in it as data are drawn only when they fit the memory budget.

use resvg::{
    tiny_skia::{Pixmap, Transform},
    usvg::{self, ImageHrefResolver, ImageKind, Options, Tree},
};
use std::sync::{Arc, LazyLock};

use super::{MEMORY_BUDGET, RenderError};
use crate::domain::RenditionKind;
use image::RgbImage;

/// The machine's fonts, read once: text in an SVG is drawn with them. The generic families
/// (`sans-serif`, …) name fonts that Linux machines have, not Windows ones.
static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_system_fonts();
    if let Some(family) = first_installed(&fonts, &["Liberation Sans", "DejaVu Sans", "Arial"]) {
        fonts.set_sans_serif_family(family);
    }
    if let Some(family) = first_installed(&fonts, &["Liberation Serif", "DejaVu Serif", "Times New Roman"]) {
        fonts.set_serif_family(family);
    }
    if let Some(family) = first_installed(&fonts, &["Liberation Mono", "DejaVu Sans Mono", "Courier New"]) {
        fonts.set_monospace_family(family);
    }
    Arc::new(fonts)
});

fn first_installed(fonts: &usvg::fontdb::Database, families: &[&str]) -> Option<String> {
    families
        .iter()
        .find(|family| {
            fonts
                .faces()
                .any(|face| face.families.iter().any(|(name, _)| name == *family))
        })
        .map(|family| (*family).to_owned())
}

/// The picture drawn to fit `kind`'s size, on white. Vector pictures are drawn at that size even
/// when their own is smaller: they stay sharp.
///
/// # Errors
/// `Corrupt` when the document is not an SVG damson can read.
pub fn draw(content: &[u8], kind: RenditionKind) -> Result<RgbImage, RenderError> {
    let tree = parse(content)?;
    let size = tree.size();
    let scale = kind.max_side() as f32 / size.width().max(size.height());
    let width = ((size.width() * scale).round() as u32).max(1);
    let height = ((size.height() * scale).round() as u32).max(1);
    let mut pixmap =
        Pixmap::new(width, height).ok_or_else(|| RenderError::Corrupt("the picture has no size".to_owned()))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let rgb: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let color = pixel.demultiply();
            [color.red(), color.green(), color.blue()]
        })
        .collect();
    RgbImage::from_raw(width, height, rgb)
        .ok_or_else(|| RenderError::Corrupt("the drawn size does not match".to_owned()))
}

fn parse(content: &[u8]) -> Result<Tree, RenderError> {
    let options = Options {
        // Text that names no font, or one this machine lacks, is drawn in its serif font.
        font_family: "serif".to_owned(),
        fontdb: Arc::clone(&FONTS),
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(embedded_within_budget),
            // Paths and addresses: never read.
            resolve_string: Box::new(|_, _| None),
        },
        ..Options::default()
    };
    Tree::from_data(content, &options).map_err(|e| RenderError::Corrupt(e.to_string()))
}

/// A picture embedded as data, when decoding it fits the memory budget.
fn embedded_within_budget(mime: &str, data: Arc<Vec<u8>>, options: &Options) -> Option<ImageKind> {
    if mime != "image/svg+xml" {
        let (width, height) = image::ImageReader::new(std::io::Cursor::new(data.as_slice()))
            .with_guessed_format()
            .ok()?
            .into_dimensions()
            .ok()?;
        if u64::from(width) * u64::from(height) * 4 > MEMORY_BUDGET / 2 {
            return None;
        }
    }
    (ImageHrefResolver::default_data_resolver())(mime, data, options)
}
