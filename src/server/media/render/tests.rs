use super::*;
use std::path::PathBuf;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn shared(name: &str) -> Vec<u8> {
    fixture(&format!("tests/fixtures/{name}"))
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
    let renditions = render(&shared("photo-fallenleaf-2560x1600.jpg"), "image/any").unwrap();
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
    let renditions = render(&fixture("tests/fixtures/leaf-320x200-orientation-6.jpg"), "image/any").unwrap();
    assert_eq!(
        sizes(&renditions),
        [
            (RenditionKind::Preview, size(200, 320)),
            (RenditionKind::Thumbnail, size(200, 320))
        ]
    );
}

/// Mean difference per channel between two renditions of the same size.
fn difference(a: &Rendered, b: &Rendered) -> f64 {
    let (a, b) = (
        image::load_from_memory(&a.jpeg).unwrap().into_rgb8(),
        image::load_from_memory(&b.jpeg).unwrap().into_rgb8(),
    );
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

#[test]
fn webp_pictures_are_turned_upright_by_their_exif_orientation() {
    let [upright, _] = render(&shared("hopper.png"), "image/png").unwrap();
    for n in [3, 6, 8] {
        let name = format!("tests/fixtures/hopper_orientation_{n}.webp");
        let [preview, _] = render(&fixture(&name), "image/webp").unwrap();
        let off = difference(&preview, &upright);
        assert!(off < 12.0, "orientation {n}: mean difference {off}");
    }
}

#[test]
fn every_supported_format_renders() {
    for name in ["hopper.jpg", "hopper.png", "hopper.gif", "hopper.webp", "hopper.tif"] {
        let renditions = render(&shared(name), "image/any").unwrap_or_else(|e| panic!("{name}: {e}"));
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
    let [preview, _] = render(&shared("hopper.png"), "image/any").unwrap();
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
    let error = render(&shared("decompression_bomb.gif"), "image/any").unwrap_err();
    assert!(
        matches!(error, RenderError::TooLarge { .. } | RenderError::Corrupt(_)),
        "{error:?}"
    );
}

#[test]
fn a_truncated_photo_fails_instead_of_rendering_half_grey() {
    let photo = shared("photo-fallenleaf-2560x1600.jpg");
    let error = render(&photo[..photo.len() / 2], "image/jpeg").unwrap_err();
    assert!(matches!(error, RenderError::Corrupt(_)), "{error:?}");
}

#[test]
fn documents_are_not_rendered() {
    assert!(!renders("application/pdf"));
    assert!(renders("image/svg+xml"));
    assert!(matches!(
        render(&shared("qoi-specification.pdf"), "image/any"),
        Err(RenderError::Unsupported(_))
    ));
}

#[test]
fn a_small_png_of_a_hundred_megapixels_is_refused_by_the_png_cap() {
    let error = render(&fixture("tests/fixtures/white-10000x10000.png"), "image/any").unwrap_err();
    assert_eq!(
        error,
        RenderError::OverFormatCap {
            width: 10000,
            height: 10000,
            kind: "PNG",
            max_megapixels: 64,
        }
    );
    assert!(error.to_string().contains("10000 × 10000 px"), "{error}");
}

/// A PNG of `width` × `height` with colour type `color` (0 grey, 2 RGB, 4 grey with alpha,
/// 6 RGBA) and `depth` bits a channel: its header, then nothing. Enough to be refused by size.
fn png_header(width: u32, height: u32, color: u8, depth: u8) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([depth, color, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc(&ihdr).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc(b"IEND").to_be_bytes());
    png
}

#[test]
fn one_cap_holds_for_a_png_whatever_its_colour_type() {
    // 9000 × 8000 px: 68.7 megapixels, over the cap of 64 (of 2^20 pixels) for every kind.
    for (color, depth) in [(0, 8), (0, 16), (2, 8), (2, 16), (4, 8), (6, 8), (6, 16)] {
        let error = render(&png_header(9000, 8000, color, depth), "image/png").unwrap_err();
        assert_eq!(
            error.to_string(),
            "The picture is 9000 × 8000 px; damson renders PNG pictures of up to 64 megapixels.",
            "colour type {color}, {depth} bits"
        );
    }
}

#[test]
fn sixteen_bit_and_grey_pngs_render_like_any_other() {
    let photo = image::load_from_memory(&shared("hopper.png")).unwrap();
    for picture in [
        DynamicImage::ImageRgb16(photo.to_rgb16()),
        DynamicImage::ImageLuma8(photo.to_luma8()),
        DynamicImage::ImageLumaA16(photo.to_luma_alpha16()),
    ] {
        let mut png = std::io::Cursor::new(Vec::new());
        picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
        let [preview, thumbnail] = render(png.get_ref(), "image/png").unwrap();
        assert_eq!(
            preview.size,
            Dimensions {
                width: photo.width(),
                height: photo.height()
            }
        );
        assert!(thumbnail.size.width <= 320);
    }
}

#[test]
fn every_decode_fits_the_memory_budget_or_is_refused_before_it_starts() {
    // At its cap, a format's widest pixels fit: PNG, GIF and WebP in 8 bits (4 bytes a pixel),
    // TIFF in 16 (8 bytes a pixel).
    for (format, widest) in [(ImageFormat::Png, 4), (ImageFormat::WebP, 4), (ImageFormat::Tiff, 8)] {
        assert!(
            cap_megapixels(format) * 1_048_576 * widest <= MEMORY_BUDGET,
            "{format:?}"
        );
    }
    assert_eq!(cap_megapixels(ImageFormat::Tiff), 32);
    // A 36 MP progressive JPEG fits; 100 MP does not.
    assert!(check_memory(7360, 4912, PROGRESSIVE_JPEG_BYTES_PER_PIXEL, "progressive JPEG").is_ok());
    assert!(check_memory(10000, 10000, PROGRESSIVE_JPEG_BYTES_PER_PIXEL, "progressive JPEG").is_err());
}

/// The colour at the middle of a rendition.
fn middle(rendered: &Rendered) -> [u8; 3] {
    let picture = image::load_from_memory(&rendered.jpeg).unwrap().into_rgb8();
    picture.get_pixel(picture.width() / 2, picture.height() / 2).0
}

fn near(color: [u8; 3], expected: [u8; 3]) -> bool {
    color.iter().zip(expected).all(|(a, b)| a.abs_diff(b) < 12)
}

#[test]
fn an_svg_is_drawn_sharp_at_each_renditions_size_on_white() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
        <script>alert(1)</script>
        <rect x="50" y="25" width="100" height="50" fill="#c00000"/>
    </svg>"##;
    let renditions = render(svg, "image/svg+xml").unwrap();
    assert_eq!(
        sizes(&renditions),
        [
            (RenditionKind::Preview, size(1600, 800)),
            (RenditionKind::Thumbnail, size(320, 160))
        ]
    );
    assert!(
        near(middle(&renditions[0]), [0xc0, 0, 0]),
        "{:?}",
        middle(&renditions[0])
    );
    let corner = image::load_from_memory(&renditions[1].jpeg)
        .unwrap()
        .into_rgb8()
        .get_pixel(2, 2)
        .0;
    assert!(near(corner, [255, 255, 255]), "transparent parts are white: {corner:?}");
}

#[test]
fn an_svg_cannot_read_files_it_names_but_may_carry_its_own_pictures() {
    let on_disk =
        std::fs::canonicalize(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hopper.png")).unwrap();
    let naming_a_file = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
            <image x="0" y="0" width="100" height="100" xlink:href="{}"/>
        </svg>"#,
        on_disk.display()
    );
    let [preview, _] = render(naming_a_file.as_bytes(), "image/svg+xml").unwrap();
    assert!(
        near(middle(&preview), [255, 255, 255]),
        "the file on disk was drawn: {:?}",
        middle(&preview)
    );

    use base64_like::encode;
    let carrying = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
            <image x="0" y="0" width="100" height="100" href="data:image/png;base64,{}"/>
        </svg>"#,
        encode(&shared("hopper.png"))
    );
    let [preview, _] = render(carrying.as_bytes(), "image/svg+xml").unwrap();
    assert!(!near(middle(&preview), [255, 255, 255]), "its own picture is drawn");
}

#[test]
fn a_damaged_svg_fails_with_the_reason() {
    let error = render(b"<svg xmlns='http://www.w3.org/2000/svg'><rect", "image/svg+xml").unwrap_err();
    assert!(matches!(error, RenderError::Corrupt(_)), "{error:?}");
}

/// Standard base64, for embedding a picture in a test SVG.
mod base64_like {
    pub fn encode(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
