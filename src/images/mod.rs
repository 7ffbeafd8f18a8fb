//! Photos and other raster images as the site publishes them: every image file of content/
//! (bundle files, loose files, the pictures import brought out of Word files) in web sizes —
//! the longest side at most `images.max_size`, plus the narrower `images.widths` — turned
//! upright by its EXIF orientation, and with no EXIF, XMP or IPTC data left (GPS positions,
//! serial numbers, owners' names). Runs between source and markdown, so that every `<img>` of a
//! page knows its sizes; what it makes is kept in the cache ([`cache`]).

mod cache;
mod codec;

use crate::config::ImagesConfig;
use crate::diag::{Code, Diagnostic};
use crate::i18n::Msg;
use crate::msg;
use crate::source::Source;
use cache::{Cache, MadeFile};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// The image formats huibian publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Jpeg,
    Png,
    Gif,
    Webp,
    Bmp,
    Tiff,
}

impl Kind {
    /// By the file name's extension: None for a file that is no image; an error for a
    /// picture format that huibian cannot read.
    fn of_name(name: &str) -> Option<Result<Kind, Unreadable>> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(Ok(match ext.as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" => Kind::Jpeg,
            "png" => Kind::Png,
            "gif" => Kind::Gif,
            "webp" => Kind::Webp,
            "bmp" => Kind::Bmp,
            "tif" | "tiff" => Kind::Tiff,
            "heic" | "heif" | "hif" => return Some(Err(Unreadable::Heic)),
            "avif" => return Some(Err(Unreadable::Avif)),
            _ => return None,
        }))
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::Gif => "GIF",
            Kind::Webp => "WebP",
            Kind::Bmp => "BMP",
            Kind::Tiff => "TIFF",
        }
    }

    /// The extension of files in this format as huibian writes them.
    fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Gif => "gif",
            Kind::Webp => "webp",
            Kind::Bmp => "bmp",
            Kind::Tiff => "tif",
        }
    }
}

/// Picture formats that reach a site but cannot be published.
#[derive(Clone, Copy, Debug)]
enum Unreadable {
    Heic,
    Avif,
}

/// What was made of one image: its upright size and its files, the web sizes narrowest first
/// (the last is what pages load), then the full-size copy when there is one. What the cache
/// keeps for each image and settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Made {
    pub width: u32,
    pub height: u32,
    pub files: Vec<MadeFile>,
}

/// One published file of an image.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    /// Its file name, in the folder of the image.
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    /// Where its bytes are: the cache, or the original (`keep_originals`).
    pub file: PathBuf,
}

/// What the site publishes of one image file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Picture {
    /// The file at the image's own name (`.jpg` or `.png` when converted): the largest web
    /// size, or the full-size copy or the original when config asks for them.
    pub main: Variant,
    /// The web sizes, narrowest first; the last is what a page's `src` loads.
    pub sizes: Vec<Variant>,
    /// The original file, its size in bytes and upright pixels (for check).
    pub original: (PathBuf, u64, u32, u32),
}

impl Picture {
    /// Every file to publish, each once.
    pub fn files(&self) -> impl Iterator<Item = &Variant> {
        std::iter::once(&self.main).chain(self.sizes.iter().filter(|v| v.name != self.main.name))
    }

    /// The web size a page loads first.
    pub fn web(&self) -> &Variant {
        self.sizes.last().unwrap_or(&self.main)
    }

    /// Whether the file at its own name is larger than what pages show (worth a link).
    pub fn has_larger(&self) -> bool {
        self.main.width > self.web().width
    }
}

/// The site's images, by the content/-relative path of each source file (with `/`).
#[derive(Debug, Default)]
pub struct Images {
    pub by_rel: HashMap<String, Picture>,
}

impl Images {
    /// The picture of a bundle's file (`name`: its path in the bundle), if it is an image.
    pub(crate) fn in_bundle(&self, d: &crate::source::DocSource, name: &str) -> Option<&Picture> {
        let dir = d.rel.strip_suffix("index.md")?;
        self.by_rel.get(&format!("{dir}{name}"))
    }

    /// The pictures of a document's bundle, in the order of its files.
    pub(crate) fn of_bundle(&self, d: &crate::source::DocSource) -> Vec<&Picture> {
        d.attachments
            .iter()
            .filter_map(|a| self.in_bundle(d, &a.name))
            .collect()
    }
}

/// What a run does with images: build, publish, archive and serve make their files; check
/// reads each image through (a broken one is an error) and writes nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Make,
    Survey,
}

/// What serve remembers between rebuilds: an image whose size and modification time did not
/// change is not read or hashed again.
#[derive(Default)]
pub struct Memo {
    seen: Mutex<HashMap<PathBuf, Remembered>>,
}

struct Remembered {
    stamp: (u64, Option<SystemTime>),
    key: String,
    made: Made,
}

/// One image file of content/.
struct Item<'a> {
    rel: String,
    path: &'a Path,
}

/// Every image of the sources, made (or, for check, read through) in parallel: the table
/// pages and files are built from, and an error for each image that cannot be published.
pub(crate) fn prepare(
    root: &Path,
    cfg: &ImagesConfig,
    source: &Source,
    mode: Mode,
    memo: &Memo,
) -> (Images, Vec<Diagnostic>) {
    let cache = Cache::of_site(root);
    let settings = settings_key(cfg);
    let found: Vec<(Item, Result<Kind, Unreadable>)> = items(source)
        .into_iter()
        .filter_map(|i| Some((Kind::of_name(&i.rel)?, i)))
        .map(|(k, i)| (i, k))
        .collect();
    let results: Vec<(String, Result<Picture, Diagnostic>)> = found
        .par_iter()
        .map(|(item, kind)| {
            let r = match kind {
                Ok(k) => one(item, *k, cfg, &settings, &cache, mode, memo),
                Err(u) => Err(unreadable(item.path, *u)),
            };
            (item.rel.clone(), r)
        })
        .collect();
    let mut images = Images::default();
    let mut errors = Vec::new();
    for (rel, r) in results {
        match r {
            Ok(p) => {
                images.by_rel.insert(rel, p);
            }
            Err(d) => errors.push(d),
        }
    }
    memo.keep_only(found.iter().map(|(i, _)| i.path));
    (images, errors)
}

/// Bundle files and loose files of content/, with their content/-relative paths.
fn items(source: &Source) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for d in &source.docs {
        if let Some(dir) = d.rel.strip_suffix("index.md") {
            out.extend(d.attachments.iter().map(|a| Item {
                rel: format!("{dir}{}", a.name),
                path: &a.path,
            }));
        }
    }
    out.extend(source.loose.iter().map(|l| Item {
        rel: l.rel.clone(),
        path: &l.path,
    }));
    out
}

/// What of the settings changes the files made: part of every cache key.
fn settings_key(cfg: &ImagesConfig) -> String {
    let mut widths = cfg.widths.clone();
    widths.sort_unstable();
    widths.dedup();
    let text = format!(
        "huibian images 1;{};{widths:?};{};{}",
        cfg.max_size,
        cfg.quality,
        cfg.link_full_size && !cfg.keep_originals
    );
    cache::sha256_hex(text.as_bytes())[..12].to_string()
}

/// One image: from serve's memo, the cache, or made now.
fn one(
    item: &Item,
    kind: Kind,
    cfg: &ImagesConfig,
    settings: &str,
    cache: &Cache,
    mode: Mode,
    memo: &Memo,
) -> Result<Picture, Diagnostic> {
    let stamp = std::fs::metadata(item.path)
        .map(|m| (m.len(), m.modified().ok()))
        .unwrap_or((0, None));
    if let Some((key, made)) = memo.get(item.path, stamp, settings) {
        if mode == Mode::Survey || cache.present(&key, &made) {
            return Ok(picture(item, kind, cfg, &made, stamp.0, |f| {
                cache.file(&key, f)
            }));
        }
    }
    let bytes = crate::fsio::read_bytes(item.path)?;
    let key = format!("{}-{settings}", &cache::sha256_hex(&bytes)[..32]);
    let made = match cache.load(&key) {
        Some(made) => made,
        None => {
            let (made, encoded) = make(&bytes, kind, cfg, mode).map_err(|e| e.at(item.path))?;
            if mode == Mode::Make {
                cache.store(&key, &made, &encoded)?;
            }
            made
        }
    };
    let size = bytes.len() as u64;
    let pic = picture(item, kind, cfg, &made, size, |f| cache.file(&key, f));
    if mode == Mode::Make {
        memo.put(item.path, stamp, key, made);
    }
    Ok(pic)
}

impl Memo {
    fn get(
        &self,
        path: &Path,
        stamp: (u64, Option<SystemTime>),
        settings: &str,
    ) -> Option<(String, Made)> {
        let seen = self.seen.lock().expect("image memo");
        let r = seen.get(path)?;
        (r.stamp == stamp && stamp.1.is_some() && r.key.ends_with(settings))
            .then(|| (r.key.clone(), r.made.clone()))
    }

    fn put(&self, path: &Path, stamp: (u64, Option<SystemTime>), key: String, made: Made) {
        self.seen
            .lock()
            .expect("image memo")
            .insert(path.to_path_buf(), Remembered { stamp, key, made });
    }

    fn keep_only<'a>(&self, paths: impl Iterator<Item = &'a Path>) {
        let live: std::collections::HashSet<&Path> = paths.collect();
        self.seen
            .lock()
            .expect("image memo")
            .retain(|p, _| live.contains(p.as_path()));
    }
}

/// Why an image cannot be published, for a person: what is wrong and what to do.
struct Problem {
    message: Msg,
    hint: Msg,
    code: Code,
}

impl Problem {
    fn damaged(message: Msg) -> Problem {
        let hint = if message.id().ends_with("cut-short") {
            msg!("img-copy-again-hint")
        } else {
            msg!("img-save-again-hint")
        };
        Problem {
            message,
            hint,
            code: Code::BadImage,
        }
    }

    fn at(self, path: &Path) -> Diagnostic {
        Diagnostic::tr(path, self.message)
            .code(self.code)
            .hint_tr(self.hint)
    }
}

fn unreadable(path: &Path, u: Unreadable) -> Diagnostic {
    let (message, hint) = match u {
        Unreadable::Heic => (msg!("img-heic"), msg!("img-heic-hint")),
        Unreadable::Avif => (msg!("img-avif"), msg!("img-avif-hint")),
    };
    Diagnostic::tr(path, message)
        .code(Code::ImageFormat)
        .hint_tr(hint)
}

/// The files of an image at its upright size `w` × `h`: the web sizes narrowest first (the
/// largest has its longest side at most `max_size`), then a full-size copy when
/// `link_full_size` asks for one and the image is larger than that.
fn plan(w: u32, h: u32, cfg: &ImagesConfig) -> Vec<(u32, u32, bool)> {
    let long = w.max(h);
    let (w1, h1) = if long > cfg.max_size {
        let s = f64::from(cfg.max_size) / f64::from(long);
        let scale = |v: u32| ((f64::from(v) * s).round() as u32).max(1);
        (scale(w), scale(h))
    } else {
        (w, h)
    };
    let mut widths: Vec<u32> = cfg.widths.iter().copied().filter(|&x| x < w1).collect();
    widths.sort_unstable();
    widths.dedup();
    let mut out: Vec<(u32, u32, bool)> = widths
        .into_iter()
        .map(|x| {
            let y = ((f64::from(h1) * f64::from(x) / f64::from(w1)).round() as u32).max(1);
            (x, y, false)
        })
        .collect();
    out.push((w1, h1, false));
    if cfg.link_full_size && !cfg.keep_originals && (w1, h1) != (w, h) {
        out.push((w, h, true));
    }
    out
}

/// Makes (or, surveying, only reads and plans) the files of one image.
fn make(
    bytes: &[u8],
    kind: Kind,
    cfg: &ImagesConfig,
    mode: Mode,
) -> Result<(Made, Vec<Vec<u8>>), Problem> {
    match codec::sniff(bytes) {
        Some(k) if k == kind => {}
        Some(k) => {
            return Err(Problem {
                message: msg!("img-wrong-name", named = kind.name(), holds = k.name()),
                hint: msg!("img-wrong-name-hint"),
                code: Code::BadImage,
            });
        }
        None => {
            return Err(Problem {
                message: msg!("img-not-a-picture", named = kind.name()),
                hint: msg!("img-not-a-picture-hint"),
                code: Code::BadImage,
            });
        }
    }
    if kind == Kind::Gif {
        let (gif, w, h, frames) = codec::gif_rewritten(bytes).map_err(Problem::damaged)?;
        // An animation is kept as it is; so is a still GIF that fits (a drawing, a chart).
        if frames > 1 || w.max(h) <= cfg.max_size {
            let file = made_file(w, h, "gif", false, &gif, mode);
            return Ok((
                Made {
                    width: w,
                    height: h,
                    files: vec![file],
                },
                vec![gif],
            ));
        }
    }
    let decoded = codec::decode(bytes, kind).map_err(Problem::damaged)?;
    Ok(stills(decoded, kind, cfg, mode))
}

fn made_file(width: u32, height: u32, ext: &str, full: bool, bytes: &[u8], mode: Mode) -> MadeFile {
    let (size, sha256) = match mode {
        Mode::Make => (bytes.len() as u64, cache::sha256_hex(bytes)),
        Mode::Survey => (0, String::new()),
    };
    MadeFile {
        width,
        height,
        ext: ext.to_string(),
        full,
        bytes: size,
        sha256,
    }
}

/// The web sizes (and full-size copy) of a still picture: each smaller size is resized from
/// the next larger one, then turned upright and encoded.
fn stills(d: codec::Decoded, kind: Kind, cfg: &ImagesConfig, mode: Mode) -> (Made, Vec<Vec<u8>>) {
    let (w, h) = d.upright();
    let alpha = !d.opaque();
    // JPEG stays JPEG and PNG PNG; the others become JPEG, or PNG when they are transparent.
    let ext = match kind {
        Kind::Jpeg => "jpg",
        Kind::Png | Kind::Gif => "png",
        _ if alpha => "png",
        _ => "jpg",
    };
    let (orientation, icc) = (d.orientation, d.icc);
    let base = codec::normalised(d.image, alpha);
    let targets = plan(w, h, cfg);
    let mut files = Vec::with_capacity(targets.len());
    let mut encoded = Vec::with_capacity(targets.len());
    let mut smaller: Option<image::DynamicImage> = None;
    // Largest first: the full-size copy, then the web sizes down.
    for &(tw, th, full) in targets.iter().rev() {
        let bytes = if mode == Mode::Survey {
            Vec::new()
        } else {
            let img = if full {
                base.clone()
            } else {
                codec::resized(smaller.as_ref().unwrap_or(&base), orientation, tw, th)
            };
            let out = codec::upright(img.clone(), orientation);
            if !full {
                smaller = Some(img);
            }
            match ext {
                "jpg" => codec::jpeg_bytes(&out, cfg.quality, icc.as_deref()),
                _ => codec::png_bytes(&out, icc.as_deref()),
            }
        };
        files.push(made_file(tw, th, ext, full, &bytes, mode));
        encoded.push(bytes);
    }
    files.reverse();
    encoded.reverse();
    (
        Made {
            width: w,
            height: h,
            files,
        },
        encoded,
    )
}

/// The published files of an image, named after it: the largest web size (or the full-size
/// copy, or the original) at its own name, the other sizes as `name-480w.jpg`.
fn picture(
    item: &Item,
    kind: Kind,
    cfg: &ImagesConfig,
    made: &Made,
    original_bytes: u64,
    path_of: impl Fn(&MadeFile) -> PathBuf,
) -> Picture {
    let file_name = item.rel.rsplit('/').next().unwrap_or(&item.rel);
    let (stem, own_ext) = file_name.rsplit_once('.').unwrap_or((file_name, ""));
    // A format kept as it is keeps the name's own spelling of its extension (.JPG, .jpeg).
    let ext = |f: &MadeFile| {
        if f.ext == kind.ext() {
            own_ext.to_string()
        } else {
            f.ext.clone()
        }
    };
    let variant = |f: &MadeFile, name: String| Variant {
        name,
        width: f.width,
        height: f.height,
        bytes: f.bytes,
        file: path_of(f),
    };
    let web: Vec<&MadeFile> = made.files.iter().filter(|f| !f.full).collect();
    let largest = web.last().copied().unwrap_or(&made.files[0]);
    let main_file = made.files.iter().find(|f| f.full).unwrap_or(largest);
    let main = if cfg.keep_originals {
        Variant {
            name: file_name.to_string(),
            width: made.width,
            height: made.height,
            bytes: original_bytes,
            file: item.path.to_path_buf(),
        }
    } else {
        variant(main_file, format!("{stem}.{}", ext(main_file)))
    };
    let sizes = web
        .iter()
        .map(|f| {
            let at_own_name = !cfg.keep_originals && std::ptr::eq(*f, main_file);
            let name = if at_own_name {
                main.name.clone()
            } else {
                format!("{stem}-{}w.{}", f.width, ext(f))
            };
            variant(f, name)
        })
        .collect();
    Picture {
        main,
        sizes,
        original: (
            item.path.to_path_buf(),
            original_bytes,
            made.width,
            made.height,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_scales_the_longest_side_and_offers_narrower_widths() {
        let cfg = ImagesConfig::default();
        assert_eq!(
            plan(4000, 3000, &cfg),
            [(480, 360, false), (960, 720, false), (1600, 1200, false)]
        );
        assert_eq!(
            plan(3000, 4000, &cfg),
            [(480, 640, false), (960, 1280, false), (1200, 1600, false)]
        );
        // Small pictures are not enlarged; widths past them are left out.
        assert_eq!(plan(600, 400, &cfg), [(480, 320, false), (600, 400, false)]);
        assert_eq!(plan(300, 200, &cfg), [(300, 200, false)]);
        let full = ImagesConfig {
            link_full_size: true,
            ..ImagesConfig::default()
        };
        assert_eq!(plan(4000, 3000, &full).last(), Some(&(4000, 3000, true)));
        assert_eq!(plan(800, 600, &full).last(), Some(&(800, 600, false)));
    }

    #[test]
    fn names_follow_the_file_and_its_extension() {
        let file = |w, h, full| MadeFile {
            width: w,
            height: h,
            ext: "jpg".into(),
            full,
            bytes: 1,
            sha256: String::new(),
        };
        let made = Made {
            width: 4000,
            height: 3000,
            files: vec![file(480, 360, false), file(1600, 1200, false)],
        };
        let path = PathBuf::from("x");
        let item = Item {
            rel: "a/照片.JPG".into(),
            path: &path,
        };
        let cfg = ImagesConfig::default();
        let p = picture(&item, Kind::Jpeg, &cfg, &made, 9, |_| PathBuf::new());
        assert_eq!(p.main.name, "照片.JPG");
        let names: Vec<&str> = p.sizes.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["照片-480w.JPG", "照片.JPG"]);
        assert_eq!(p.files().count(), 2);
        let keep = ImagesConfig {
            keep_originals: true,
            ..cfg
        };
        let p = picture(&item, Kind::Jpeg, &keep, &made, 9, |_| PathBuf::new());
        assert_eq!(
            (p.main.width, p.main.file.as_path()),
            (4000, path.as_path())
        );
        assert_eq!(p.web().name, "照片-1600w.JPG");
        assert!(p.has_larger());
        let tiff = Item {
            rel: "scan.tiff".into(),
            path: &path,
        };
        let p = picture(
            &tiff,
            Kind::Tiff,
            &ImagesConfig::default(),
            &made,
            9,
            |_| PathBuf::new(),
        );
        assert_eq!(p.main.name, "scan.jpg");
    }
}
