//! A site of phone photos, to time what images cost a build (README, Speed):
//!
//!     cargo bench --bench photos -- SITE N            N bundles, one 4000 × 3000 photo each
//!     cargo bench --bench photos -- SITE N --no-images   the same documents without photos
//!     cargo bench --bench photos -- --resize           fast_image_resize against image's own
//!
//! Each photo is a JPEG at quality 92 (about 5 MB) with EXIF (orientation 6 or 1, a GPS position,
//! a serial number of its own), so every file has other bytes and none is a copy the cache
//! would share; 20 noise patterns are drawn, and the EXIF makes the 500 files distinct.

use image::{Rgb, RgbImage};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.iter().any(|a| a == "--resize") {
        return resize();
    }
    let (Some(site), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: photos SITE N [--no-images] | --resize");
        std::process::exit(2);
    };
    make_site(Path::new(site), n, !args.iter().any(|a| a == "--no-images"));
}

fn make_site(site: &Path, n: usize, photos: bool) {
    std::fs::create_dir_all(site.join("content/experiences")).unwrap();
    std::fs::write(
        site.join("config.yaml"),
        "title: 照片测试站\nsearch: false\n",
    )
    .unwrap();
    let patterns: Vec<Vec<u8>> = if photos {
        (0..20u32).map(|i| jpeg(&noise(4000, 3000, i))).collect()
    } else {
        Vec::new()
    };
    for i in 0..n {
        let dir = site.join(format!("content/experiences/p{i:04}"));
        std::fs::create_dir_all(&dir).unwrap();
        let body = if photos {
            "![支部学习会现场](zhaopian.jpg)\n\n会议传达学习了有关精神，大家结合实际作了交流发言。\n"
        } else {
            "会议传达学习了有关精神，大家结合实际作了交流发言。\n"
        };
        let doc = format!(
            "---\ntitle: 第{i}次支部学习会\ndate: 2023-09-{:02}\n---\n\n{body}",
            i % 28 + 1
        );
        std::fs::write(dir.join("index.md"), doc).unwrap();
        if photos {
            let orientation = if i % 2 == 0 { 6 } else { 1 };
            let photo = with_exif(&patterns[i % patterns.len()], orientation, i);
            std::fs::write(dir.join("zhaopian.jpg"), photo).unwrap();
        }
    }
}

/// A picture with four coloured quarters and noise, so it compresses like a photo.
fn noise(w: u32, h: u32, seed: u32) -> RgbImage {
    let mut s = 0x9e37_79b9u32 ^ seed.wrapping_mul(0x85eb_ca6b);
    RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let base: [i32; 3] = match (x < w / 2, y < h / 2) {
            (true, true) => [200, 60, 50],
            (false, true) => [60, 170, 80],
            (true, false) => [50, 70, 190],
            (false, false) => [220, 220, 210],
        };
        let n = (s % 49) as i32 - 24;
        Rgb(base.map(|c| (c + n + (x as i32 ^ y as i32) % 17).clamp(0, 255) as u8))
    })
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(img)
        .unwrap();
    out
}

/// `jpeg` with an APP1 EXIF segment: orientation, a GPS latitude and a serial number `n`.
fn with_exif(jpeg: &[u8], orientation: u16, n: usize) -> Vec<u8> {
    let serial = format!("SN{n:08}\0");
    let mut t = b"II*\0\x08\0\0\0".to_vec();
    // IFD0: orientation, GPS IFD pointer, serial (as ImageDescription, 0x010e).
    let gps_at = 8 + 2 + 3 * 12 + 4;
    let serial_at = gps_at + 2 + 12 + 4;
    let lat_at = serial_at + serial.len() as u32;
    t.extend(3u16.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    entry(&mut t, 0x010e, 2, serial.len() as u32, serial_at);
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, gps_at);
    t.extend(0u32.to_le_bytes());
    t.extend(1u16.to_le_bytes());
    entry(&mut t, 0x0002, 5, 3, lat_at);
    t.extend(0u32.to_le_bytes());
    t.extend(serial.as_bytes());
    for v in [30u32, 1, 35, 1, n as u32, 100] {
        t.extend(v.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(t);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// One photo to the three web sizes (1600, 960, 480 wide), each from the next larger, with
/// fast_image_resize and with image's own resize (both Lanczos3), median of 5.
fn resize() {
    let src = image::DynamicImage::ImageRgb8(noise(4000, 3000, 1));
    let sizes = [(1600, 1200), (960, 720), (480, 360)];
    let fir = || {
        let mut from = src.clone();
        for (w, h) in sizes {
            let mut dst = image::DynamicImage::new_rgb8(w, h);
            let o = fast_image_resize::ResizeOptions::new().resize_alg(
                fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
            );
            fast_image_resize::Resizer::new()
                .resize(&from, &mut dst, &o)
                .unwrap();
            from = dst;
        }
    };
    let own = || {
        let mut from = src.clone();
        for (w, h) in sizes {
            from = from.resize_exact(w, h, image::imageops::FilterType::Lanczos3);
        }
    };
    for (name, f) in [("fast_image_resize", &fir as &dyn Fn()), ("image", &own)] {
        let mut ms: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        println!("{name:>18}: {:.0} ms a photo (median of 5)", ms[2]);
    }
}
