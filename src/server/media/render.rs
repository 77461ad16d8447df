//! Thumbnails and previews: decode within limits, shrink, turn upright, encode as JPEG.
//!
//! JPEG, the common case, is decoded by libjpeg-turbo already scaled down by its DCT (1/8 to 8/8),
//! to the smallest size that still covers the preview; the thumbnail is shrunk from the preview.
//! So a 36 MP photo never exists in memory at full size. Other formats go through `image`, which
//! decodes them whole: one rendition may use `MEMORY_BUDGET`, so their size is checked against it
//! from the header, before anything is decoded (a 10000 × 10000 PNG compresses to 390 KB and
//! would take 700 MB). Progressive JPEGs keep every DCT coefficient in memory while decoding and
//! are checked the same way.
//!
//! CPU-bound and blocking: run it from `spawn_blocking` or a worker thread, never on the executor.

use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, metadata::Orientation};
use std::io::Cursor;
use turbojpeg::{Colorspace, Compressor, Decompressor, PixelFormat, ScalingFactor, Subsamp};

use crate::domain::{Dimensions, RenditionKind};

/// The largest picture damson decodes: 100 megapixels.
pub const MAX_PIXELS: u64 = 100_000_000;
/// The most memory one rendition may take while decoding.
pub const MEMORY_BUDGET: u64 = 256 * 1024 * 1024;
/// What a progressive JPEG keeps per pixel while decoding: up to three components of 16-bit
/// DCT coefficients.
const PROGRESSIVE_JPEG_BYTES_PER_PIXEL: u64 = 6;

/// One encoded rendition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub kind: RenditionKind,
    pub jpeg: Vec<u8>,
    pub size: Dimensions,
}

/// Why a picture could not be rendered. It will not render on a second try either.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("The picture is {width} × {height} px; damson renders pictures of up to 100 megapixels.")]
    TooLarge { width: u64, height: u64 },
    #[error(
        "The picture is {width} × {height} px; damson renders {kind} pictures of up to {max_megapixels} megapixels."
    )]
    OverFormatCap {
        width: u64,
        height: u64,
        kind: &'static str,
        max_megapixels: u64,
    },
    #[error(
        "The picture is {width} × {height} px; damson renders {kind} pictures of up to {max_megapixels} megapixels within its memory budget."
    )]
    OverMemoryBudget {
        width: u64,
        height: u64,
        kind: &'static str,
        max_megapixels: u64,
    },
    #[error("Rendering the picture took longer than its time limit of {limit}.")]
    TooSlow { limit: String },
    #[error("The picture could not be decoded: {0}")]
    Corrupt(String),
    #[error("damson does not render this kind of picture ({0}).")]
    Unsupported(String),
}

/// The MIME type of SVG pictures, which are drawn rather than decoded.
const SVG: &str = "image/svg+xml";

/// Whether `render` can make renditions of content with this MIME type.
pub fn renders(mime: &str) -> bool {
    matches!(
        mime,
        "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/tiff" | SVG
    )
}

/// The preview and the thumbnail of a picture of type `mime`, in that order.
///
/// # Errors
/// `RenderError` when the picture is too large, corrupt or truncated, or of an unknown format.
pub fn render(content: &[u8], mime: &str) -> Result<[Rendered; 2], RenderError> {
    if mime == SVG {
        let upright = Orientation::NoTransforms;
        return Ok([
            encode(
                RenditionKind::Preview,
                svg::draw(content, RenditionKind::Preview)?,
                upright,
            )?,
            encode(
                RenditionKind::Thumbnail,
                svg::draw(content, RenditionKind::Thumbnail)?,
                upright,
            )?,
        ]);
    }
    let format = image::guess_format(content).map_err(|e| RenderError::Unsupported(e.to_string()))?;
    let orientation = orientation(content);
    let source = match format {
        ImageFormat::Jpeg => match decode_jpeg(content, RenditionKind::Preview.max_side()) {
            Err(JpegFallback) => decode_any(content, format)?,
            Ok(decoded) => decoded?,
        },
        _ => decode_any(content, format)?,
    };
    let preview = fit(source, RenditionKind::Preview.max_side());
    let thumbnail = fit(preview.clone(), RenditionKind::Thumbnail.max_side());
    Ok([
        encode(RenditionKind::Preview, preview, orientation)?,
        encode(RenditionKind::Thumbnail, thumbnail, orientation)?,
    ])
}

/// The EXIF orientation, read from the header only.
fn orientation(content: &[u8]) -> Orientation {
    ImageReader::new(Cursor::new(content))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_decoder().ok())
        .map_or(Orientation::NoTransforms, |mut decoder| {
            super::exif_orientation(&mut decoder)
        })
}

/// libjpeg-turbo does not convert CMYK to RGB; `image` does.
struct JpegFallback;

fn decode_jpeg(content: &[u8], covering: u32) -> Result<Result<RgbImage, RenderError>, JpegFallback> {
    let corrupt = |e: turbojpeg::Error| RenderError::Corrupt(e.to_string());
    let mut decompressor = Decompressor::new().map_err(|_| JpegFallback)?;
    let header = match decompressor.read_header(content) {
        Ok(header) => header,
        Err(error) => return Ok(Err(corrupt(error))),
    };
    if matches!(header.colorspace, Colorspace::CMYK | Colorspace::YCCK) {
        return Err(JpegFallback);
    }
    Ok((|| {
        let (width, height) = (header.width as u64, header.height as u64);
        check_pixels(width, height)?;
        if header.is_progressive {
            check_memory(width, height, PROGRESSIVE_JPEG_BYTES_PER_PIXEL, "progressive JPEG")?;
        }
        let longest = header.width.max(header.height);
        let scale = (1..=8)
            .map(|eighths| ScalingFactor::new(eighths, 8))
            .find(|scale| scale.scale(longest) >= covering as usize)
            .unwrap_or(ScalingFactor::ONE);
        decompressor.set_scaling_factor(scale).map_err(corrupt)?;
        // A progressive JPEG with thousands of scans is a CPU bomb.
        decompressor.set_scan_limit(500).map_err(corrupt)?;
        let scaled = header.scaled(scale);
        let mut image = turbojpeg::Image {
            pixels: vec![0; 3 * scaled.width * scaled.height],
            width: scaled.width,
            pitch: 3 * scaled.width,
            height: scaled.height,
            format: PixelFormat::RGB,
        };
        // A truncated or damaged file is an error here, never a half-grey picture.
        decompressor
            .decompress(content, image.as_deref_mut())
            .map_err(corrupt)?;
        RgbImage::from_raw(scaled.width as u32, scaled.height as u32, image.pixels)
            .ok_or_else(|| RenderError::Corrupt("the decoded size does not match".to_owned()))
    })())
}

/// Decodes a picture whole, then shrinks it in its own pixel type before anything else, so the
/// decoded picture is the only large buffer: one cap in megapixels holds for every colour type
/// of a format (a grey PNG no longer refused below an RGB one).
fn decode_any(content: &[u8], format: ImageFormat) -> Result<RgbImage, RenderError> {
    let picture = if format == ImageFormat::Png {
        decode_png(content)?
    } else {
        let mut reader = ImageReader::with_format(Cursor::new(content), format);
        let mut limits = Limits::default();
        limits.max_alloc = Some(MEMORY_BUDGET);
        reader.limits(limits);
        let decoder = reader.into_decoder().map_err(decode_error)?;
        let (width, height) = (u64::from(decoder.dimensions().0), u64::from(decoder.dimensions().1));
        check_cap(width, height, format)?;
        // Within the cap only pictures of a kind no format here makes in 8 or 16 bits (32-bit
        // float TIFF) could pass the budget; they are refused here.
        check_memory(
            width,
            height,
            u64::from(decoder.color_type().bytes_per_pixel()),
            format_name(format),
        )?;
        DynamicImage::from_decoder(decoder).map_err(decode_error)?
    };
    let shrunk = shrink(picture, RenditionKind::Preview.max_side());
    Ok(if shrunk.color().has_alpha() {
        on_white(shrunk.into_rgba8())
    } else {
        shrunk.into_rgb8()
    })
}

/// The most megapixels damson decodes whole in `format`, whatever the picture's colour type:
/// what its widest pixels (after decoding) fit in `MEMORY_BUDGET`. PNG is read as 8 bits a
/// channel (4 bytes a pixel at most), and so are GIF and WebP; TIFF keeps 16-bit channels
/// (8 bytes a pixel at most).
fn cap_megapixels(format: ImageFormat) -> u64 {
    let widest_pixel = if format == ImageFormat::Tiff { 8 } else { 4 };
    MEMORY_BUDGET / widest_pixel / 1_048_576
}

fn check_cap(width: u64, height: u64, format: ImageFormat) -> Result<(), RenderError> {
    check_pixels(width, height)?;
    let max_megapixels = cap_megapixels(format);
    if width.saturating_mul(height) > max_megapixels * 1_048_576 {
        return Err(RenderError::OverFormatCap {
            width,
            height,
            kind: format_name(format),
            max_megapixels,
        });
    }
    Ok(())
}

/// A PNG decoded as 8 bits a channel (16-bit channels cut to 8 as they are read, palettes and
/// transparency expanded): at most 4 bytes a pixel, whatever its colour type.
fn decode_png(content: &[u8]) -> Result<DynamicImage, RenderError> {
    use png::ColorType;
    let corrupt = |e: png::DecodingError| RenderError::Corrupt(e.to_string());
    let limits = png::Limits {
        bytes: usize::try_from(MEMORY_BUDGET).unwrap_or(usize::MAX),
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(content), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let (width, height) = {
        let header = decoder.read_header_info().map_err(corrupt)?;
        (header.width, header.height)
    };
    check_cap(u64::from(width), u64::from(height), ImageFormat::Png)?;
    let mut reader = decoder.read_info().map_err(corrupt)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| RenderError::Corrupt("the picture's size does not fit in memory".to_owned()))?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(corrupt)?;
    pixels.truncate(frame.buffer_size());
    let wrong_size = || RenderError::Corrupt("the decoded size does not match".to_owned());
    Ok(match reader.output_color_type().0 {
        ColorType::Grayscale => {
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?)
        }
        ColorType::GrayscaleAlpha => {
            DynamicImage::ImageLumaA8(image::GrayAlphaImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?)
        }
        ColorType::Rgb => DynamicImage::ImageRgb8(RgbImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?),
        ColorType::Rgba | ColorType::Indexed => {
            DynamicImage::ImageRgba8(image::RgbaImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?)
        }
    })
}

/// Shrinks a decoded picture to fit `max_side`, in its own pixel type; never enlarges.
fn shrink(picture: DynamicImage, max_side: u32) -> DynamicImage {
    let (width, height) = (picture.width(), picture.height());
    let longest = width.max(height);
    if longest <= max_side {
        return picture;
    }
    let (to_width, to_height) = (scaled(width, longest, max_side), scaled(height, longest, max_side));
    let mut target = DynamicImage::new(to_width, to_height, picture.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    match Resizer::new().resize(&picture, &mut target, &options) {
        Ok(()) => target,
        // A pixel type the resizer lacks: the picture's own resize, slower but the same result.
        Err(_) => picture.resize(to_width, to_height, image::imageops::FilterType::CatmullRom),
    }
}

/// One side of a picture whose longest side `longest` becomes `max_side`.
fn scaled(side: u32, longest: u32, max_side: u32) -> u32 {
    ((u64::from(side) * u64::from(max_side) + u64::from(longest) / 2) / u64::from(longest)).max(1) as u32
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Gif => "GIF",
        ImageFormat::WebP => "WebP",
        ImageFormat::Tiff => "TIFF",
        ImageFormat::Jpeg => "CMYK JPEG",
        _ => "such",
    }
}

fn decode_error(error: image::ImageError) -> RenderError {
    match error {
        image::ImageError::Limits(limit) => RenderError::Corrupt(format!("over the decoding limits ({limit})")),
        image::ImageError::Unsupported(unsupported) => RenderError::Unsupported(unsupported.to_string()),
        other => RenderError::Corrupt(other.to_string()),
    }
}

fn check_pixels(width: u64, height: u64) -> Result<(), RenderError> {
    if width.saturating_mul(height) > MAX_PIXELS {
        Err(RenderError::TooLarge { width, height })
    } else {
        Ok(())
    }
}

/// Refuses a picture whose decoding would take more than `MEMORY_BUDGET`.
fn check_memory(width: u64, height: u64, bytes_per_pixel: u64, kind: &'static str) -> Result<(), RenderError> {
    if width.saturating_mul(height).saturating_mul(bytes_per_pixel) > MEMORY_BUDGET {
        Err(RenderError::OverMemoryBudget {
            width,
            height,
            kind,
            max_megapixels: MEMORY_BUDGET / bytes_per_pixel / 1_000_000,
        })
    } else {
        Ok(())
    }
}

/// Transparent parts show as white, as on a product page.
fn on_white(rgba: image::RgbaImage) -> RgbImage {
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, pixel) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = u16::from(pixel[3]);
        for channel in 0..3 {
            out[channel] = ((u16::from(pixel[channel]) * alpha + 255 * (255 - alpha)) / 255) as u8;
        }
    }
    rgb
}

/// Shrinks to fit `max_side` on the longest side, keeping proportions; never enlarges.
fn fit(picture: RgbImage, max_side: u32) -> RgbImage {
    let (width, height) = picture.dimensions();
    let longest = width.max(height);
    if longest <= max_side {
        return picture;
    }
    let (to_width, to_height) = (scaled(width, longest, max_side), scaled(height, longest, max_side));
    let source =
        Image::from_vec_u8(width, height, picture.into_raw(), PixelType::U8x3).expect("an RGB buffer of its size");
    let mut target = Image::new(to_width, to_height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new()
        .resize(&source, &mut target, &options)
        .expect("same pixel type on both sides");
    RgbImage::from_raw(to_width, to_height, target.into_vec()).expect("an RGB buffer of its size")
}

fn encode(kind: RenditionKind, picture: RgbImage, orientation: Orientation) -> Result<Rendered, RenderError> {
    let mut upright = DynamicImage::ImageRgb8(picture);
    upright.apply_orientation(orientation);
    let upright = upright.into_rgb8();
    let (width, height) = upright.dimensions();
    let failed = |e: turbojpeg::Error| RenderError::Corrupt(format!("encoding failed: {e}"));
    let mut compressor = Compressor::new().map_err(failed)?;
    compressor.set_quality(kind.jpeg_quality()).map_err(failed)?;
    compressor.set_subsamp(Subsamp::Sub2x2).map_err(failed)?;
    let jpeg = compressor
        .compress_to_vec(turbojpeg::Image {
            pixels: upright.as_raw().as_slice(),
            width: width as usize,
            pitch: 3 * width as usize,
            height: height as usize,
            format: PixelFormat::RGB,
        })
        .map_err(failed)?;
    Ok(Rendered {
        kind,
        jpeg,
        size: Dimensions { width, height },
    })
}

mod svg;
#[cfg(test)]
mod tests;
