//! Rendition cost per photo: CPU time for the preview and thumbnail together, the peak memory of
//! a process that renders one photo, and, when `vipsthumbnail` (Debian `libvips-tools`) is
//! installed, the same two sizes through libvips in the same run.
//!
//! `cargo bench --features ssr --bench renditions`

mod support;

use damson::{domain::RenditionKind, server::media::render};
use fast_image_resize::{PixelType, ResizeOptions, Resizer, images::Image};
use std::{path::Path, process::Command, time::Duration};
use support::{Who, cpu_time, installed, mb, ms, peak_rss};
use turbojpeg::{PixelFormat, Subsamp};

const RUNS: u32 = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(position) = args.iter().position(|arg| arg == "--render-once") {
        let photo = std::fs::read(&args[position + 1]).unwrap();
        render(&photo, "image/jpeg").unwrap();
        println!("{}", peak_rss("self").unwrap());
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photo-fallenleaf-2560x1600.jpg");
    let photos = [
        ("4 MP (2560 × 1600)", original.clone()),
        ("18 MP (5376 × 3360)", enlarge(&original, 5376, 3360, work.path())),
        ("36 MP (7590 × 4744)", enlarge(&original, 7590, 4744, work.path())),
    ];
    let vips = installed("vipsthumbnail");
    println!("Renditions: preview (fits 1600 px) + thumbnail (fits 320 px), CPU ms per photo, mean of {RUNS}");
    if !vips {
        println!("(vipsthumbnail is not installed: apt install libvips-tools to compare with libvips)");
    }
    for (label, path) in &photos {
        let photo = std::fs::read(path).unwrap();
        render(&photo, "image/jpeg").unwrap();
        let start = cpu_time(Who::Myself);
        for _ in 0..RUNS {
            render(&photo, "image/jpeg").unwrap();
        }
        let ours = (cpu_time(Who::Myself) - start) / RUNS;
        let rss = peak_rss_of_one_render(path);
        print!("{label:>22}: damson {:6.1} ms, peak RSS {:5.1} MB", ms(ours), mb(rss));
        if vips {
            let preview = vipsthumbnail(path, RenditionKind::Preview, work.path());
            let thumbnail = vipsthumbnail(path, RenditionKind::Thumbnail, work.path());
            let theirs = preview + thumbnail;
            print!(
                " | libvips {:6.1} ms ({:.1} + {:.1}) | ratio {:.2} (goal ≤ 0.80)",
                ms(theirs),
                ms(preview),
                ms(thumbnail),
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
        println!();
    }
}

/// A fresh process renders the photo once and reports its own high-water mark.
fn peak_rss_of_one_render(path: &Path) -> u64 {
    let output = Command::new(std::env::current_exe().unwrap())
        .arg("--render-once")
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().parse().unwrap()
}

/// CPU time of `vipsthumbnail` per photo, with the photo given `RUNS` times to one process so that
/// its start-up cost is shared, as it would be in a long-running service.
fn vipsthumbnail(path: &Path, kind: RenditionKind, out: &Path) -> Duration {
    let start = cpu_time(Who::Children);
    let status = Command::new("vipsthumbnail")
        .args(std::iter::repeat_n(path, RUNS as usize))
        .arg("--size")
        .arg(kind.max_side().to_string())
        .arg("-o")
        .arg(out.join(format!("vips-%s-{kind}.jpg[Q={}]", kind.jpeg_quality())))
        .status()
        .unwrap();
    assert!(status.success());
    (cpu_time(Who::Children) - start) / RUNS
}

/// A larger photo made from the real one (upscaled, then encoded at quality 90 like a camera).
fn enlarge(original: &Path, width: u32, height: u32, dir: &Path) -> std::path::PathBuf {
    let decoded = turbojpeg::decompress(&std::fs::read(original).unwrap(), PixelFormat::RGB).unwrap();
    let source = Image::from_vec_u8(
        decoded.width as u32,
        decoded.height as u32,
        decoded.pixels,
        PixelType::U8x3,
    )
    .unwrap();
    let mut target = Image::new(width, height, PixelType::U8x3);
    Resizer::new()
        .resize(&source, &mut target, &ResizeOptions::new())
        .unwrap();
    let jpeg = turbojpeg::compress(
        turbojpeg::Image {
            pixels: target.buffer(),
            width: width as usize,
            pitch: 3 * width as usize,
            height: height as usize,
            format: PixelFormat::RGB,
        },
        90,
        Subsamp::Sub2x2,
    )
    .unwrap();
    let path = dir.join(format!("photo-{width}x{height}.jpg"));
    std::fs::write(&path, &*jpeg).unwrap();
    path
}
