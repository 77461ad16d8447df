use super::*;
use std::path::PathBuf;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn shared(name: &str) -> Vec<u8> {
    fixture(&format!("../shared/fixtures/{name}"))
}

fn size(width: u32, height: u32) -> Dimensions {
    Dimensions { width, height }
}

/// The renditions as a browser would see them: JPEGs of the stated size.
fn sizes(renditions: &[Rendered; 2]) -> [(RenditionKind, Dimensions); 2] {
    renditions.clone().map(|rendered| {
        let decoded = image::load_from_memory_with_format(&rendered.jpeg, ImageFormat::Jpeg).unwrap();
        assert_eq!(size(decoded.width(), decoded.height()), rendered.size);
        (rendered.kind, rendered.size)
    })
}

#[test]
fn a_photo_gets_a_preview_fitting_1600_and_a_thumbnail_fitting_320() {
    let renditions = render(&shared("photo-fallenleaf-2560x1600.jpg")).unwrap();
    assert_eq!(
        sizes(&renditions),
        [
            (RenditionKind::Preview, size(1600, 1000)),
            (RenditionKind::Thumbnail, size(320, 200))
        ]
    );
}

#[test]
fn a_photo_shot_sideways_is_rendered_upright_and_never_enlarged() {
    let renditions = render(&fixture("tests/fixtures/leaf-320x200-orientation-6.jpg")).unwrap();
    assert_eq!(
        sizes(&renditions),
        [
            (RenditionKind::Preview, size(200, 320)),
            (RenditionKind::Thumbnail, size(200, 320))
        ]
    );
}

#[test]
fn every_supported_format_renders() {
    for name in ["hopper.jpg", "hopper.png", "hopper.gif", "hopper.webp", "hopper.tif"] {
        let renditions = render(&shared(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            sizes(&renditions),
            [
                (RenditionKind::Preview, size(128, 128)),
                (RenditionKind::Thumbnail, size(128, 128))
            ],
            "{name}"
        );
    }
}

#[test]
fn the_picture_survives_rendering() {
    let original = image::load_from_memory(&shared("hopper.png")).unwrap().into_rgb8();
    let [preview, _] = render(&shared("hopper.png")).unwrap();
    let rendered = image::load_from_memory(&preview.jpeg).unwrap().into_rgb8();
    let difference: u64 = original
        .as_raw()
        .iter()
        .zip(rendered.as_raw())
        .map(|(a, b)| u64::from(a.abs_diff(*b)))
        .sum();
    let mean = difference as f64 / original.as_raw().len() as f64;
    assert!(mean < 6.0, "mean difference per channel {mean}");
}

#[test]
fn a_decompression_bomb_is_refused_before_it_allocates() {
    let error = render(&shared("decompression_bomb.gif")).unwrap_err();
    assert!(
        matches!(error, RenderError::TooLarge { .. } | RenderError::Corrupt(_)),
        "{error:?}"
    );
}

#[test]
fn a_truncated_photo_fails_instead_of_rendering_half_grey() {
    let photo = shared("photo-fallenleaf-2560x1600.jpg");
    let error = render(&photo[..photo.len() / 2]).unwrap_err();
    assert!(matches!(error, RenderError::Corrupt(_)), "{error:?}");
}

#[test]
fn documents_are_not_rendered() {
    assert!(!renders("application/pdf"));
    assert!(!renders("image/svg+xml"));
    assert!(matches!(
        render(&shared("qoi-specification.pdf")),
        Err(RenderError::Unsupported(_))
    ));
}

#[test]
fn a_small_png_of_a_hundred_megapixels_is_refused_within_the_memory_budget() {
    let error = render(&fixture("tests/fixtures/white-10000x10000.png")).unwrap_err();
    assert!(
        matches!(
            error,
            RenderError::OverMemoryBudget {
                width: 10000,
                height: 10000,
                kind: "PNG",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("10000 × 10000 px"), "{error}");
}

#[test]
fn every_decode_fits_the_memory_budget_or_is_refused_before_it_starts() {
    use image::ColorType;
    // 40 MP of RGB fits (120 MB); the same as 16-bit RGBA does not (8 + 4 bytes a pixel).
    assert!(check_memory(8000, 5000, peak_bytes_per_pixel(ColorType::Rgb8), "PNG").is_ok());
    assert!(check_memory(8000, 5000, peak_bytes_per_pixel(ColorType::Rgba16), "PNG").is_err());
    // A 36 MP progressive JPEG fits; 100 MP does not.
    assert!(check_memory(7360, 4912, PROGRESSIVE_JPEG_BYTES_PER_PIXEL, "progressive JPEG").is_ok());
    assert!(check_memory(10000, 10000, PROGRESSIVE_JPEG_BYTES_PER_PIXEL, "progressive JPEG").is_err());
}
