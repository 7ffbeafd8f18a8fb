//! Photos as phones take them — 4000 × 3000 JPEGs with GPS, a serial number, the owner's name
//! and orientation 6 in their EXIF, XMP and IPTC — and the other formats sites bring, built
//! through the binary: what is published must be upright, small, and carry none of it; the page
//! must give every picture its sizes; broken pictures must be errors naming them.

use crate::common::{attr_values, run, Site};
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage};
use std::fs;
use std::io::Cursor;
use std::path::Path;
use std::sync::OnceLock;

/// What the phone writes into its photos, searched for in everything published.
const SERIAL: &str = "SN-HB-7731942";
const OWNER: &str = "Zhang San (owner)";
/// The corners of the photo as the camera stores it (before orientation 6 turns it).
const TOP_LEFT: [u8; 3] = [220, 30, 30];
const TOP_RIGHT: [u8; 3] = [30, 200, 40];
const BOTTOM_LEFT: [u8; 3] = [30, 40, 220];
const BOTTOM_RIGHT: [u8; 3] = [235, 235, 235];

/// A TIFF IFD (little-endian) from (tag, type, count, value bytes); `next` is where the data
/// past four bytes goes (offsets from the TIFF header).
fn ifd(entries: &[(u16, u16, u32, Vec<u8>)], start: u32) -> Vec<u8> {
    let mut head = (entries.len() as u16).to_le_bytes().to_vec();
    let mut data = Vec::new();
    let data_at = start + 2 + 12 * entries.len() as u32 + 4;
    for (tag, kind, count, value) in entries {
        head.extend(tag.to_le_bytes());
        head.extend(kind.to_le_bytes());
        head.extend(count.to_le_bytes());
        if value.len() <= 4 {
            let mut v = value.clone();
            v.resize(4, 0);
            head.extend(v);
        } else {
            head.extend((data_at + data.len() as u32).to_le_bytes());
            data.extend(value);
            if data.len() % 2 == 1 {
                data.push(0);
            }
        }
    }
    head.extend(0u32.to_le_bytes());
    head.extend(data);
    head
}

fn ascii(s: &str) -> (u32, Vec<u8>) {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    (v.len() as u32, v)
}

fn rationals(parts: &[(u32, u32)]) -> Vec<u8> {
    parts
        .iter()
        .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
        .collect()
}

/// The TIFF body of a phone's EXIF: make, model, orientation, owner, a serial number and a GPS
/// position (30°35'N 114°17'E), as raw bytes.
fn exif_tiff(orientation: u16) -> Vec<u8> {
    let (make_n, make) = ascii("HuibianPhone");
    let (model_n, model) = ascii("HB 12 Pro");
    let (artist_n, artist) = ascii(OWNER);
    let (serial_n, serial) = ascii(SERIAL);
    let (owner_n, owner) = ascii(OWNER);
    // IFD0 at 8; its size decides where the Exif and GPS IFDs go.
    let ifd0_entries = |exif_at: u32, gps_at: u32| {
        vec![
            (0x010f, 2, make_n, make.clone()),
            (0x0110, 2, model_n, model.clone()),
            (0x0112, 3, 1, orientation.to_le_bytes().to_vec()),
            (0x013b, 2, artist_n, artist.clone()),
            (0x8769, 4, 1, exif_at.to_le_bytes().to_vec()),
            (0x8825, 4, 1, gps_at.to_le_bytes().to_vec()),
        ]
    };
    let ifd0_len = ifd(&ifd0_entries(0, 0), 8).len() as u32;
    let exif_entries = vec![(0xa430, 2, owner_n, owner), (0xa431, 2, serial_n, serial)];
    let exif_at = 8 + ifd0_len;
    let exif_len = ifd(&exif_entries, exif_at).len() as u32;
    let gps_at = exif_at + exif_len;
    let gps_entries = vec![
        (0x0000, 1, 4, vec![2, 3, 0, 0]),
        (0x0001, 2, 2, b"N\0".to_vec()),
        (0x0002, 5, 3, rationals(&[(30, 1), (35, 1), (1234, 100)])),
        (0x0003, 2, 2, b"E\0".to_vec()),
        (0x0004, 5, 3, rationals(&[(114, 1), (17, 1), (5678, 100)])),
    ];
    let mut t = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    t.extend(ifd(&ifd0_entries(exif_at, gps_at), 8));
    t.extend(ifd(&exif_entries, exif_at));
    t.extend(ifd(&gps_entries, gps_at));
    t
}

/// A JPEG segment: marker, big-endian length, payload.
fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xff, marker];
    s.extend(((payload.len() + 2) as u16).to_be_bytes());
    s.extend(payload);
    s
}

/// The XMP and IPTC blocks photo software adds, with the serial number and owner in them.
fn xmp_packet() -> Vec<u8> {
    let mut x = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    x.extend(format!("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:aux=\"http://ns.adobe.com/exif/1.0/aux/\" aux:SerialNumber=\"{SERIAL}\" aux:OwnerName=\"{OWNER}\"/></rdf:RDF></x:xmpmeta>").bytes());
    x
}

fn iptc_block() -> Vec<u8> {
    let mut p = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    let by = OWNER.as_bytes();
    let mut rec = vec![0x1c, 2, 80];
    rec.extend((by.len() as u16).to_be_bytes());
    rec.extend(by);
    p.extend((rec.len() as u32).to_be_bytes());
    p.extend(rec);
    p
}

/// A stored picture with four coloured corners and some noise (so it compresses like a
/// photo), `w` × `h`.
fn corners(w: u32, h: u32) -> RgbImage {
    let mut seed = 0x2545_f491u32;
    RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let base = match (x < w / 2, y < h / 2) {
            (true, true) => TOP_LEFT,
            (false, true) => TOP_RIGHT,
            (true, false) => BOTTOM_LEFT,
            (false, false) => BOTTOM_RIGHT,
        };
        let n = (seed % 41) as i16 - 20;
        Rgb(base.map(|c| (c as i16 + n).clamp(0, 255) as u8))
    })
}

/// A phone photo: a 4000 × 3000 JPEG at quality 95 with EXIF (orientation, GPS, serial,
/// owner), XMP and IPTC.
pub fn phone_photo(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .encode_image(&corners(w, h))
        .unwrap();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif_tiff(orientation));
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xe1, &app1));
    out.extend(segment(0xe1, &xmp_packet()));
    out.extend(segment(0xed, &iptc_block()));
    out.extend(&jpeg[2..]);
    out
}

/// The two phone photos (orientation 6 and 1), made once: a 12-megapixel JPEG takes a while
/// to encode in a test build.
fn shared_photo(orientation: u16) -> &'static [u8] {
    static TURNED: OnceLock<Vec<u8>> = OnceLock::new();
    static FLAT: OnceLock<Vec<u8>> = OnceLock::new();
    let slot = if orientation == 6 { &TURNED } else { &FLAT };
    slot.get_or_init(|| phone_photo(4000, 3000, orientation))
}

/// A real 1 × 1 PNG, for sites that need a picture that is a picture.
pub fn tiny_png() -> Vec<u8> {
    let mut png = Vec::new();
    DynamicImage::new_rgb8(1, 1)
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .unwrap();
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A PNG of `img` with an eXIf chunk and an iTXt XMP chunk inserted after its header.
fn png_with_metadata(img: &DynamicImage) -> Vec<u8> {
    let mut png = Vec::new();
    img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .unwrap();
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend(data);
        c.extend(&body);
        c.extend(crc32(&body).to_be_bytes());
        c
    };
    let mut xmp = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    xmp.extend(&xmp_packet()[29..]);
    let at = 8 + 25; // signature, then IHDR
    let mut out = png[..at].to_vec();
    out.extend(chunk(b"eXIf", &exif_tiff(1)));
    out.extend(chunk(b"iTXt", &xmp));
    out.extend(&png[at..]);
    out
}

/// Where the camera's data would show in a published file, if any of it were left.
fn leaks(bytes: &[u8]) -> Vec<&'static str> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    [
        ("EXIF", b"Exif\0".as_slice()),
        ("TIFF header of EXIF", b"II*\0\x08\0\0\0".as_slice()),
        ("eXIf chunk", b"eXIf".as_slice()),
        ("XMP", b"ns.adobe.com/xap".as_slice()),
        ("IPTC", b"Photoshop 3.0".as_slice()),
        ("serial number", SERIAL.as_bytes()),
        ("owner", OWNER.as_bytes()),
        ("maker", b"HuibianPhone".as_slice()),
    ]
    .into_iter()
    .filter(|(_, n)| has(n))
    .map(|(what, _)| what)
    .collect()
}

fn near(p: [u8; 3], want: [u8; 3]) -> bool {
    p.iter().zip(want).all(|(a, b)| a.abs_diff(b) < 40)
}

fn bundle(s: &Site, body: &str) {
    s.doc(
        "experiences/huiyi/index.md",
        "title: 支部学习会\ndate: 2023-09-01",
        body,
    );
}

fn put(s: &Site, rel: &str, bytes: &[u8]) {
    let p = s.root().join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

fn published(s: &Site, rel: &str) -> Vec<u8> {
    fs::read(s.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<img …>` tags of a page.
fn imgs(page: &str) -> Vec<String> {
    page.match_indices("<img ")
        .map(|(i, _)| page[i..i + page[i..].find('>').unwrap() + 1].to_string())
        .collect()
}

#[test]
fn phone_photos_are_published_upright_small_and_without_camera_data() {
    let s = Site::new("title: t\n");
    let photo = shared_photo(6).to_vec();
    let flat = shared_photo(1).to_vec();
    assert!(
        photo.len() > 3_000_000,
        "a phone-sized photo: {}",
        photo.len()
    );
    bundle(
        &s,
        "![会场全景](huichang.jpg)\n\n正文。\n\n![发言](fayan.jpg \"交流发言\")\n",
    );
    put(&s, "content/experiences/huiyi/huichang.jpg", &photo);
    put(&s, "content/experiences/huiyi/fayan.jpg", &flat);
    s.build_ok(&[]);
    let dir = "experiences/huiyi";
    // Turned upright: the portrait photo is 1200 × 1600, the stored left edge now on top.
    let big = image::load_from_memory(&published(&s, &format!("{dir}/huichang.jpg"))).unwrap();
    assert_eq!(big.dimensions(), (1200, 1600));
    let at = |img: &DynamicImage, fx: f64, fy: f64| {
        let (w, h) = img.dimensions();
        let p = img.get_pixel((w as f64 * fx) as u32, (h as f64 * fy) as u32);
        [p.0[0], p.0[1], p.0[2]]
    };
    assert!(
        near(at(&big, 0.1, 0.1), BOTTOM_LEFT),
        "{:?}",
        at(&big, 0.1, 0.1)
    );
    assert!(
        near(at(&big, 0.9, 0.1), TOP_LEFT),
        "{:?}",
        at(&big, 0.9, 0.1)
    );
    assert!(
        near(at(&big, 0.9, 0.9), TOP_RIGHT),
        "{:?}",
        at(&big, 0.9, 0.9)
    );
    assert!(
        near(at(&big, 0.1, 0.9), BOTTOM_RIGHT),
        "{:?}",
        at(&big, 0.1, 0.9)
    );
    let flat_out = image::load_from_memory(&published(&s, &format!("{dir}/fayan.jpg"))).unwrap();
    assert_eq!(flat_out.dimensions(), (1600, 1200));
    assert!(near(at(&flat_out, 0.1, 0.1), TOP_LEFT));
    // Every published file of both photos: within the limit and without the camera's data.
    let mut sizes = Vec::new();
    for (name, w, h) in [
        ("huichang-480w.jpg", 480, 640),
        ("huichang-960w.jpg", 960, 1280),
        ("huichang.jpg", 1200, 1600),
        ("fayan-480w.jpg", 480, 360),
        ("fayan-960w.jpg", 960, 720),
        ("fayan.jpg", 1600, 1200),
    ] {
        let bytes = published(&s, &format!("{dir}/{name}"));
        assert_eq!(leaks(&bytes), Vec::<&str>::new(), "{name}");
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!(img.dimensions(), (w, h), "{name}");
        assert!(w.max(h) <= 1600);
        sizes.push((name, bytes.len()));
    }
    assert!(
        !leaks(&photo).is_empty(),
        "the test's photo carries the data"
    );
    // What a phone loads first (480 px) is a small fraction of the original.
    let smallest = sizes[0].1;
    assert!(
        smallest * 40 < photo.len(),
        "480w is {smallest} bytes, the original {}",
        photo.len()
    );
    // The original in content/ is untouched.
    assert_eq!(
        fs::read(s.root().join("content/experiences/huiyi/huichang.jpg")).unwrap(),
        photo
    );
    let page = s.read(&format!("{dir}/index.html"));
    let tags = imgs(&page);
    assert_eq!(tags.len(), 2, "{page}");
    assert_eq!(
        tags[0],
        "<img src=\"huichang.jpg\" srcset=\"huichang-480w.jpg 480w, huichang-960w.jpg 960w, huichang.jpg 1200w\" sizes=\"(max-width: 40em) 100vw, 40em\" width=\"1200\" height=\"1600\" alt=\"会场全景\" />"
    );
    assert!(
        !tags[0].contains("loading"),
        "the first picture loads at once"
    );
    assert!(
        tags[1].contains(" width=\"1600\" height=\"1200\"")
            && tags[1].contains(" title=\"交流发言\" loading=\"lazy\" decoding=\"async\""),
        "{}",
        tags[1]
    );
    // The attachment list (the photos are bundle files) gives the published sizes.
    assert!(
        !page.contains("MB</span>"),
        "no photo is offered in MB: {page}"
    );
}

#[test]
fn a_cut_short_or_mislabelled_picture_is_an_error_of_build_and_check_naming_it() {
    let s = Site::new("title: t\n");
    let photo = phone_photo(1200, 900, 6);
    bundle(&s, "![会场](huichang.jpg)\n");
    put(&s, "content/experiences/huiyi/huichang.jpg", &photo);
    s.build_ok(&[]);
    let before = s.read("experiences/huiyi/index.html");
    bundle(
        &s,
        "![会场](huichang.jpg)\n\n![图表](tubiao.png)\n\n![手机](iphone.heic)\n",
    );
    // Cut as a copy that did not finish leaves it; a text saved as .png; an iPhone photo.
    put(
        &s,
        "content/experiences/huiyi/huichang.jpg",
        &photo[..photo.len() * 6 / 10],
    );
    put(
        &s,
        "content/experiences/huiyi/tubiao.png",
        b"<html>not a picture</html>",
    );
    put(
        &s,
        "content/experiences/huiyi/iphone.heic",
        b"\0\0\0\x18ftypheic",
    );
    put(&s, "content/guides/jietu.jpg", &tiny_png());
    let err = s.build_err(&[]);
    for want in [
        "content/experiences/huiyi/huichang.jpg: the JPEG is cut short",
        "content/experiences/huiyi/tubiao.png: the file is named as a PNG picture but holds no picture",
        "content/experiences/huiyi/iphone.heic: a HEIC photo",
        "heif-convert",
        "content/guides/jietu.jpg: the file is named as a JPEG but holds a PNG picture",
    ] {
        assert!(err.contains(want), "no {want:?} in\n{err}");
    }
    assert_eq!(
        s.read("experiences/huiyi/index.html"),
        before,
        "a failed build leaves the last output"
    );
    let out = run(&["check", "--root", s.root().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for want in [
        "content/experiences/huiyi/huichang.jpg: error[bad-image]: the JPEG is cut short",
        "content/experiences/huiyi/tubiao.png: error[bad-image]",
        "content/experiences/huiyi/iphone.heic: error[image-format]",
        "content/guides/jietu.jpg: error[bad-image]",
    ] {
        assert!(text.contains(want), "no {want:?} in\n{text}");
    }
    // Other ways a JPEG is broken: cut inside its header, empty, noise after a JPEG start.
    for (what, bytes) in [
        ("header", photo[..300].to_vec()),
        ("empty", Vec::new()),
        ("noise", [&photo[..2], &[0x55u8; 5000][..]].concat()),
    ] {
        put(&s, "content/experiences/huiyi/huichang.jpg", &bytes);
        let err = s.build_err(&[]);
        assert!(
            err.contains("content/experiences/huiyi/huichang.jpg:"),
            "{what}: {err}"
        );
    }
}

/// An animated GIF of three frames with a comment block holding the serial number.
fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let palette = [255u8, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        let mut enc = gif::Encoder::new(&mut out, 40, 30, &palette).unwrap();
        enc.set_repeat(gif::Repeat::Infinite).unwrap();
        enc.write_raw_extension(gif::AnyExtension(0xfe), &[SERIAL.as_bytes()])
            .unwrap();
        for i in 0..3u8 {
            let f = gif::Frame {
                width: 40,
                height: 30,
                delay: 10 + u16::from(i) * 5,
                buffer: std::borrow::Cow::Owned(vec![i; 40 * 30]),
                ..Default::default()
            };
            enc.write_frame(&f).unwrap();
        }
    }
    out
}

/// Each frame of a GIF as RGBA, with its delay.
fn gif_frames(bytes: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut o = gif::DecodeOptions::new();
    o.set_color_output(gif::ColorOutput::RGBA);
    let mut d = o.read_info(Cursor::new(bytes)).unwrap();
    let mut frames = Vec::new();
    while let Some(f) = d.read_next_frame().unwrap() {
        frames.push((f.delay, f.buffer.to_vec()));
    }
    frames
}

fn encoded(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut b = Vec::new();
    img.write_to(&mut Cursor::new(&mut b), format).unwrap();
    b
}

#[test]
fn png_gif_bmp_tiff_and_webp_are_published_for_the_web() {
    let s = Site::new("title: t\n");
    bundle(
        &s,
        "![图表](tubiao.png)\n\n![动图](dong.gif)\n\n![扫描件](saomiao.bmp)\n\n![透明](touming.tif)\n\n![网图](wang.webp)\n\n[下载扫描件](saomiao.bmp)\n",
    );
    let d = "content/experiences/huiyi";
    let chart = DynamicImage::ImageRgb8(corners(2400, 1200));
    put(&s, &format!("{d}/tubiao.png"), &png_with_metadata(&chart));
    let gif = animated_gif();
    put(&s, &format!("{d}/dong.gif"), &gif);
    put(
        &s,
        &format!("{d}/saomiao.bmp"),
        &encoded(&chart, ImageFormat::Bmp),
    );
    let mut clear = image::RgbaImage::from_pixel(2000, 1000, image::Rgba([0, 90, 200, 255]));
    for p in clear.pixels_mut().take(2000 * 300) {
        p.0[3] = 0;
    }
    put(
        &s,
        &format!("{d}/touming.tif"),
        &encoded(&DynamicImage::ImageRgba8(clear), ImageFormat::Tiff),
    );
    let small = DynamicImage::ImageRgb8(corners(800, 600));
    put(
        &s,
        &format!("{d}/wang.webp"),
        &encoded(&small, ImageFormat::WebP),
    );
    s.build_ok(&[]);
    let out = "experiences/huiyi";
    let png = published(&s, &format!("{out}/tubiao.png"));
    assert_eq!(leaks(&png), Vec::<&str>::new());
    assert_eq!(image::guess_format(&png).unwrap(), ImageFormat::Png);
    assert_eq!(
        image::load_from_memory(&png).unwrap().dimensions(),
        (1600, 800)
    );
    // The animation is kept frame for frame; its comment block is gone.
    let g = published(&s, &format!("{out}/dong.gif"));
    assert_eq!(gif_frames(&g), gif_frames(&gif));
    assert_eq!(gif_frames(&g).len(), 3);
    assert!(leaks(&gif).contains(&"serial number") && leaks(&g).is_empty());
    // Scanner and web formats become JPEG, or PNG when they are transparent; the old names
    // are not published, and every link follows.
    for (gone, now, format, size) in [
        ("saomiao.bmp", "saomiao.jpg", ImageFormat::Jpeg, (1600, 800)),
        ("touming.tif", "touming.png", ImageFormat::Png, (1600, 800)),
        ("wang.webp", "wang.jpg", ImageFormat::Jpeg, (800, 600)),
    ] {
        assert!(!s.exists(&format!("{out}/{gone}")), "{gone}");
        let b = published(&s, &format!("{out}/{now}"));
        assert_eq!(image::guess_format(&b).unwrap(), format, "{now}");
        assert_eq!(
            image::load_from_memory(&b).unwrap().dimensions(),
            size,
            "{now}"
        );
    }
    let tiff = image::load_from_memory(&published(&s, &format!("{out}/touming.png"))).unwrap();
    assert_eq!(tiff.get_pixel(10, 10).0[3], 0, "transparency is kept");
    assert_eq!(tiff.get_pixel(10, 700).0, [0, 90, 200, 255]);
    let page = s.read(&format!("{out}/index.html"));
    let srcs = attr_values(&page, "src");
    for want in [
        "tubiao.png",
        "dong.gif",
        "saomiao.jpg",
        "touming.png",
        "wang.jpg",
    ] {
        assert!(srcs.iter().any(|s| s == want), "{want}: {srcs:?}");
    }
    assert!(
        page.contains("<a href=\"saomiao.jpg\">下载扫描件</a>"),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"dong.gif\" width=\"40\" height=\"30\" alt=\"动图\""),
        "{page}"
    );
    assert_eq!(
        crate::common::broken_links(&s.out(), Some("/")),
        Vec::<String>::new()
    );
}

/// The files of the site's image cache, with their modification times.
fn cache_files(s: &Site) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    let dir = s.root().join(".huibian-cache/images");
    fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, e.metadata().unwrap().modified().unwrap())
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn rebuilds_take_web_sizes_from_the_cache_and_make_damaged_entries_again() {
    let s = Site::new("title: t\n");
    bundle(&s, "![会场](huichang.jpg)\n");
    put(
        &s,
        "content/experiences/huiyi/huichang.jpg",
        &phone_photo(2000, 1500, 6),
    );
    s.build_ok(&[]);
    let first = crate::common::built(&s.out());
    let cached = cache_files(&s);
    // One entry: its list and three files (480, 960, 1200 wide).
    assert_eq!(cached.len(), 4, "{cached:?}");
    assert!(s.root().join(".huibian-cache/CACHEDIR.TAG").is_file());
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A warm build writes nothing into the cache and publishes the same bytes.
    s.build_ok(&[]);
    assert_eq!(cache_files(&s), cached);
    assert_eq!(crate::common::built(&s.out()), first);
    // A damaged file (same size, other bytes) and a damaged list are noticed and made again.
    let dir = s.root().join(".huibian-cache/images");
    let jpg = cached
        .keys()
        .find(|n| n.ends_with("-1200x1600.jpg"))
        .unwrap();
    let len = fs::metadata(dir.join(jpg)).unwrap().len() as usize;
    fs::write(dir.join(jpg), vec![0u8; len]).unwrap();
    s.build_ok(&[]);
    assert_eq!(crate::common::built(&s.out()), first);
    assert_ne!(fs::read(dir.join(jpg)).unwrap(), vec![0u8; len]);
    let list = cached.keys().find(|n| n.ends_with(".json")).unwrap();
    fs::write(dir.join(list), "{ not json").unwrap();
    fs::remove_file(dir.join(cached.keys().find(|n| n.contains("-480x")).unwrap())).unwrap();
    s.build_ok(&[]);
    assert_eq!(crate::common::built(&s.out()), first);
    assert_eq!(cache_files(&s).len(), 4);
    // Other settings are other entries; the old ones stay for a build with the old settings.
    s.write("config.yaml", "title: t\nimages:\n  quality: 40\n");
    s.build_ok(&[]);
    assert_eq!(cache_files(&s).len(), 8);
    let small = published(&s, "experiences/huiyi/huichang.jpg");
    assert!(small.len() < first[Path::new("experiences/huiyi/huichang.jpg")].len());
}

#[test]
fn two_builds_at_once_fill_one_cache_without_harm() {
    let s = Site::new("title: t\n");
    bundle(&s, "![一](yi.jpg)\n\n![二](er.jpg)\n");
    put(
        &s,
        "content/experiences/huiyi/yi.jpg",
        &phone_photo(2000, 1500, 6),
    );
    put(
        &s,
        "content/experiences/huiyi/er.jpg",
        &phone_photo(1800, 1200, 1),
    );
    let root = s.root().to_str().unwrap().to_string();
    let builds: Vec<_> = ["a", "b"]
        .iter()
        .map(|o| {
            std::process::Command::new(env!("CARGO_BIN_EXE_huibian"))
                .args(["build", "--root", &root, "--output"])
                .arg(s.root().join(o))
                .output_future()
        })
        .collect();
    for b in builds {
        let out = b.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let a = crate::common::built(&s.root().join("a"));
    assert_eq!(a, crate::common::built(&s.root().join("b")));
    assert!(a.contains_key(Path::new("experiences/huiyi/yi-480w.jpg")));
    // Nothing half-written is left in the cache, and a third build finds it whole.
    assert!(cache_files(&s)
        .keys()
        .all(|n| !n.starts_with(".huibian-new")));
    let before = cache_files(&s);
    s.build_ok(&[]);
    assert_eq!(cache_files(&s), before);
}

/// Starts a command without waiting for it.
trait Spawn {
    fn output_future(&mut self) -> std::process::Child;
}

impl Spawn for std::process::Command {
    fn output_future(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

#[test]
fn keep_originals_and_link_full_size_do_what_they_say() {
    let s = Site::new("title: t\nimages:\n  link_full_size: true\n");
    let photo = phone_photo(2400, 1800, 6);
    bundle(
        &s,
        "![会场](huichang.jpg)\n\n[![链接里的图](xiao.png)](https://example.org/)\n",
    );
    put(&s, "content/experiences/huiyi/huichang.jpg", &photo);
    put(
        &s,
        "content/experiences/huiyi/xiao.png",
        &encoded(
            &DynamicImage::ImageRgb8(corners(300, 200)),
            ImageFormat::Png,
        ),
    );
    s.build_ok(&[]);
    let dir = "experiences/huiyi";
    // The full size, upright and clean, at the photo's own name; the page loads the web size.
    let full = published(&s, &format!("{dir}/huichang.jpg"));
    assert_eq!(leaks(&full), Vec::<&str>::new());
    assert_eq!(
        image::load_from_memory(&full).unwrap().dimensions(),
        (1800, 2400)
    );
    let page = s.read(&format!("{dir}/index.html"));
    assert!(
        page.contains("<a class=\"full-size\" href=\"huichang.jpg\"><img src=\"huichang-1200w.jpg\" srcset=\"huichang-480w.jpg 480w, huichang-960w.jpg 960w, huichang-1200w.jpg 1200w\""),
        "{page}"
    );
    // A picture no larger than its web size, or inside a link already, gets no link of its own.
    assert!(
        page.contains("<a href=\"https://example.org/\"><img src=\"xiao.png\""),
        "{page}"
    );
    assert_eq!(page.matches("class=\"full-size\"").count(), 1);

    s.write("config.yaml", "title: t\nimages:\n  keep_originals: true\n");
    s.build_ok(&[]);
    assert_eq!(
        published(&s, &format!("{dir}/huichang.jpg")),
        photo,
        "untouched"
    );
    let web = published(&s, &format!("{dir}/huichang-1200w.jpg"));
    assert_eq!(leaks(&web), Vec::<&str>::new());
    let page = s.read(&format!("{dir}/index.html"));
    assert!(page.contains("<img src=\"huichang-1200w.jpg\""), "{page}");
    assert!(!page.contains("full-size"), "{page}");
}

#[test]
fn check_warns_about_pictures_without_alt_text_and_large_originals() {
    let s = Site::new("title: t\nimages:\n  warn_over_mb: 1\n");
    bundle(
        &s,
        "正文。\n\n![](huichang.jpg)\n\n![说明](xiao.png)\n\n![ ](http://example.org/x.png)\n",
    );
    put(
        &s,
        "content/experiences/huiyi/huichang.jpg",
        shared_photo(6),
    );
    put(&s, "content/experiences/huiyi/xiao.png", &tiny_png());
    let out = run(&["check", "--root", s.root().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "warnings only: {text}");
    let doc = "content/experiences/huiyi/index.md";
    for want in [
        format!("{doc}:7:1: warning[missing-alt]: the image `huichang.jpg` has no alt text"),
        format!("{doc}:11:1: warning[missing-alt]: the image `http://example.org/x.png` has no alt text"),
        "content/experiences/huiyi/huichang.jpg: warning[large-image]: the original is".to_string(),
        "(3000 × 4000 pixels), over `images.warn_over_mb` (1 MB)".to_string(),
    ] {
        assert!(text.contains(&want), "no {want:?} in\n{text}");
    }
    assert!(!text.contains("xiao.png"), "{text}");
    assert_eq!(
        text.matches("missing-alt").count(),
        3,
        "two, and the summary: {text}"
    );
    // check writes nothing, not even the image cache.
    assert!(!s.root().join(".huibian-cache").exists());
    let strict = run(&["check", "--strict", "--root", s.root().to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn serve_sends_the_same_picture_bytes_as_build() {
    let s = Site::new("title: t\n");
    bundle(&s, "![会场](huichang.jpg)\n");
    put(
        &s,
        "content/experiences/huiyi/huichang.jpg",
        &phone_photo(2000, 1500, 6),
    );
    s.build_ok(&["--drafts", "--base-url", "/"]);
    let preview = crate::serve::Preview::start(s.root(), &[]);
    for f in ["huichang.jpg", "huichang-480w.jpg", "huichang-960w.jpg"] {
        let r = preview.get(&format!("/experiences/huiyi/{f}"));
        assert_eq!(r.status, 200, "{f}");
        assert_eq!(
            r.body,
            published(&s, &format!("experiences/huiyi/{f}")),
            "{f}"
        );
    }
    let page = preview.get("/experiences/huiyi/");
    assert!(
        page.text().contains("srcset=\"huichang-480w.jpg 480w"),
        "{}",
        page.text()
    );
}

#[test]
fn archives_keep_the_originals_in_source_and_web_sizes_in_site() {
    let s = Site::new("title: t\n");
    let photo = phone_photo(2000, 1500, 6);
    bundle(&s, "![会场](huichang.jpg)\n");
    put(&s, "content/experiences/huiyi/huichang.jpg", &photo);
    let zip = s.root().join("a.zip");
    let out = run(&[
        "archive",
        "--root",
        s.root().to_str().unwrap(),
        "--output",
        zip.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut z = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name(name).unwrap(), &mut b).unwrap();
        b
    };
    assert_eq!(read("source/content/experiences/huiyi/huichang.jpg"), photo);
    let web = read("site/experiences/huiyi/huichang.jpg");
    assert_eq!(leaks(&web), Vec::<&str>::new());
    assert_eq!(
        image::load_from_memory(&web).unwrap().dimensions(),
        (1200, 1600)
    );
    assert!(!read("site/experiences/huiyi/huichang-480w.jpg").is_empty());
    let verify = run(&["verify", zip.to_str().unwrap()]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}

#[test]
fn pictures_imported_from_word_are_published_in_web_sizes() {
    let s = Site::new("title: t\n");
    let input = tempfile::tempdir().unwrap();
    let f = input.path().join("经验材料.docx");
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"";
    let doc = format!("<?xml version=\"1.0\"?><w:document {w}><w:body><w:p><w:r><w:t>支部学习会经验材料</w:t></w:r></w:p><w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"图片 1\" descr=\"学习现场\"/><a:graphic><a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill><a:blip r:embed=\"rId5\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>");
    let rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.jpeg\"/></Relationships>";
    let photo = phone_photo(2000, 1500, 6);
    let mut z = zip::ZipWriter::new(fs::File::create(&f).unwrap());
    for (name, data) in [
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".as_slice()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/media/image1.jpeg", &photo),
    ] {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, data).unwrap();
    }
    z.finish().unwrap();
    let out = run(&[
        "import",
        "--root",
        s.root().to_str().unwrap(),
        f.to_str().unwrap(),
        "--section",
        "experiences",
        "--date",
        "2023-09-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.build_ok(&[]);
    let pics: Vec<_> = crate::common::built(&s.out())
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().ends_with("image1.jpeg"))
        .collect();
    assert_eq!(pics.len(), 1, "{pics:?}");
    let (path, bytes) = &pics[0];
    assert_eq!(leaks(bytes), Vec::<&str>::new());
    assert_eq!(
        image::load_from_memory(bytes).unwrap().dimensions(),
        (1200, 1600)
    );
    let page = fs::read_to_string(s.out().join(path.parent().unwrap()).join("index.html")).unwrap();
    assert!(
        page.contains("<img src=\"image1.jpeg\" srcset=\"image1-480w.jpeg 480w, image1-960w.jpeg 960w, image1.jpeg 1200w\""),
        "{page}"
    );
}

#[test]
fn bad_image_settings_are_errors_naming_the_line() {
    for (yaml, want) in [
        (
            "images:\n  quality: 0\n",
            "config.yaml:3: `images.quality` is 0",
        ),
        (
            "images:\n  max_size: 800\n  widths: [480, 960]\n",
            "config.yaml:4: `images.widths` holds 960",
        ),
        (
            "images: { max_size: 9 }\n",
            "config.yaml:2: `images.max_size` is 9",
        ),
        (
            "images:\n  warn_over_mb: -1\n",
            "config.yaml:3: `images.warn_over_mb` is -1",
        ),
        ("images:\n  max_width: 1600\n", "did you mean `max_size`?"),
    ] {
        let s = Site::new(&format!("title: t\n{yaml}"));
        let err = s.build_err(&[]);
        assert!(err.contains(want), "{yaml}: no {want:?} in\n{err}");
    }
}

/// Makes the sample site's photo, content/experiences/chengnan-jiedao/zoufang.jpg: a drawn
/// (not photographed) meeting room, stored on its side with EXIF orientation 6 and a made-up
/// camera, serial number and GPS position, as a phone would store it. Run again with
/// `cargo test --test it images::make_the_sample_photo -- --ignored`.
#[test]
#[ignore]
fn make_the_sample_photo() {
    let (w, h) = (2400, 1800);
    let upright = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        // A wall, a red banner, a long table and heads of people around it.
        let mut c = [236.0 - 40.0 * fy, 230.0 - 30.0 * fy, 214.0 - 20.0 * fy];
        if (0.08..0.2).contains(&fy) && (0.15..0.85).contains(&fx) {
            c = [190.0, 30.0 + 20.0 * fx, 30.0];
        }
        if fy > 0.62 {
            c = [120.0 - 30.0 * fy, 80.0 - 20.0 * fy, 50.0];
        }
        for i in 0..7 {
            let (cx, cy) = (0.14 + 0.12 * i as f32, 0.5 + 0.03 * (i % 2) as f32);
            let d = ((fx - cx) * 1.33).hypot(fy - cy);
            if d < 0.055 {
                c = [40.0 + 10.0 * i as f32, 38.0, 40.0];
            }
        }
        Rgb(c.map(|v| v.clamp(0.0, 255.0) as u8))
    });
    let stored = image::imageops::rotate270(&upright);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&stored)
        .unwrap();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif_tiff(6));
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xe1, &app1));
    out.extend(&jpeg[2..]);
    assert!(out.len() < 300_000, "{} bytes", out.len());
    let to = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/experiences/chengnan-jiedao/zoufang.jpg");
    fs::write(to, out).unwrap();
}

#[test]
fn odd_names_folders_clashes_and_bombs_are_handled() {
    let s = Site::new("title: t\nrelative_urls: true\n");
    // A loose picture in a folder, with a Chinese name and a space, shown from a plain document.
    s.doc(
        "guides/a.md",
        "title: 辅导\ndate: 2023-09-01",
        "![会场](图片/会%20场,1.png)\n\n![二](图片/会%20场,1.png)\n",
    );
    put(
        &s,
        "content/guides/图片/会 场,1.png",
        &encoded(
            &DynamicImage::ImageRgb8(corners(2000, 1000)),
            ImageFormat::Png,
        ),
    );
    s.build_ok(&[]);
    let page = s.read("guides/a/index.html");
    assert!(
        page.contains("<img src=\"../../guides/%E5%9B%BE%E7%89%87/%E4%BC%9A%20%E5%9C%BA%2C1.png\" srcset=\"../../guides/%E5%9B%BE%E7%89%87/%E4%BC%9A%20%E5%9C%BA%2C1-480w.png 480w, "),
        "{page}"
    );
    assert!(s.exists("guides/图片/会 场,1-960w.png"));
    assert_eq!(
        crate::common::broken_links(&s.out(), None),
        Vec::<String>::new()
    );
    // A scan converted to .jpg beside a .jpg of that name: one error naming both.
    bundle(&s, "![扫描](saomiao.bmp)\n");
    put(
        &s,
        "content/experiences/huiyi/saomiao.bmp",
        &encoded(&DynamicImage::ImageRgb8(corners(64, 48)), ImageFormat::Bmp),
    );
    put(
        &s,
        "content/experiences/huiyi/saomiao.jpg",
        &phone_photo(64, 48, 1),
    );
    let err = s.build_err(&[]);
    assert!(
        err.contains("saomiao.bmp") && err.contains("saomiao.jpg") && err.contains("same file"),
        "{err}"
    );
    fs::remove_file(s.root().join("content/experiences/huiyi/saomiao.jpg")).unwrap();
    // A PNG that declares 60000 × 60000 pixels in a few bytes is refused before it is decoded.
    let mut bomb = tiny_png();
    bomb[16..24].copy_from_slice(&[0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60]);
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    put(&s, "content/experiences/huiyi/saomiao.bmp", &bomb);
    let err = s.build_err(&[]);
    assert!(
        err.contains("the file is named as a BMP but holds a PNG picture"),
        "{err}"
    );
    fs::remove_file(s.root().join("content/experiences/huiyi/saomiao.bmp")).unwrap();
    bundle(&s, "![炸弹](bomb.png)\n");
    put(&s, "content/experiences/huiyi/bomb.png", &bomb);
    let err = s.build_err(&[]);
    assert!(
        err.contains("content/experiences/huiyi/bomb.png: the picture is 60000 × 60000 pixels, more than huibian reads (100 megapixels)"),
        "{err}"
    );
}
