//! Pixels in and out: decoding each format with image-rs's decoders (JPEG through zune-jpeg in
//! strict mode first, so that a file cut short is said, not shown half grey), resizing with
//! fast_image_resize, and encoding JPEG and PNG with none of the source's metadata but its
//! colour profile. No codec of huibian's own.

use super::Kind;
use crate::i18n::Msg;
use crate::msg;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat};
use std::io::Cursor;

/// The most pixels huibian decodes: a 100-megapixel scan is already far past any web use, and
/// a file that declares more is a mistake or a decompression bomb.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// A decoded picture as stored (the orientation not yet applied), with what travels with it.
pub(crate) struct Decoded {
    pub image: DynamicImage,
    pub orientation: Orientation,
    pub icc: Option<Vec<u8>>,
}

impl Decoded {
    /// The size as shown: width and height swapped for a photo taken on its side.
    pub fn upright(&self) -> (u32, u32) {
        let (w, h) = (self.image.width(), self.image.height());
        if turns(self.orientation) {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// Whether every pixel is opaque (an alpha channel that says nothing can go).
    pub fn opaque(&self) -> bool {
        let img = &self.image;
        if !img.color().has_alpha() {
            return true;
        }
        img.to_rgba8().pixels().all(|p| p.0[3] == 255)
    }
}

/// Orientations that swap width and height.
fn turns(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// What the first bytes of a file say it is, when it is an image format huibian knows.
pub(crate) fn sniff(bytes: &[u8]) -> Option<Kind> {
    match image::guess_format(bytes).ok()? {
        ImageFormat::Jpeg => Some(Kind::Jpeg),
        ImageFormat::Png => Some(Kind::Png),
        ImageFormat::Gif => Some(Kind::Gif),
        ImageFormat::WebP => Some(Kind::Webp),
        ImageFormat::Bmp => Some(Kind::Bmp),
        ImageFormat::Tiff => Some(Kind::Tiff),
        _ => None,
    }
}

/// Decodes a still picture; the error says what is wrong with the file, for a person.
pub(crate) fn decode(bytes: &[u8], kind: Kind) -> Result<Decoded, Msg> {
    match kind {
        Kind::Jpeg => jpeg(bytes),
        _ => other(bytes, kind),
    }
}

fn too_large(w: u64, h: u64) -> Result<(), Msg> {
    if w * h > MAX_PIXELS {
        let max = MAX_PIXELS / 1_000_000;
        return Err(msg!("img-too-many-pixels", w = w, h = h, max = max));
    }
    Ok(())
}

fn jpeg_options(strict: bool, gray: bool) -> zune_core::options::DecoderOptions {
    use zune_core::colorspace::ColorSpace;
    let out = if gray {
        ColorSpace::Luma
    } else {
        ColorSpace::RGB
    };
    zune_core::options::DecoderOptions::default()
        .set_strict_mode(strict)
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX))
        .jpeg_set_out_colorspace(out)
}

/// A JPEG through zune-jpeg: strict first, so that a cut-short file is an error; a file that is
/// only unusual (bytes between segments, an odd marker) is decoded again leniently, as
/// browsers show it.
fn jpeg(bytes: &[u8]) -> Result<Decoded, Msg> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    let mut d =
        zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), jpeg_options(true, false));
    d.decode_headers().map_err(|e| jpeg_error(&e))?;
    let (w, h) = d.dimensions().ok_or(msg!("img-jpeg-no-size"))?;
    too_large(w as u64, h as u64)?;
    let gray = matches!(
        d.input_colorspace(),
        Some(ColorSpace::Luma | ColorSpace::LumaA)
    );
    d.set_options(jpeg_options(true, gray));
    let orientation = d
        .exif()
        .and_then(|e| Orientation::from_exif_chunk(e))
        .unwrap_or(Orientation::NoTransforms);
    let icc = d.icc_profile();
    let pixels = match d.decode() {
        Ok(p) => p,
        Err(e) if cut_short(&e) => return Err(jpeg_error(&e)),
        Err(_) => {
            let mut lenient = zune_jpeg::JpegDecoder::new_with_options(
                ZCursor::new(bytes),
                jpeg_options(false, gray),
            );
            lenient.decode().map_err(|e| jpeg_error(&e))?
        }
    };
    let (w, h) = (w as u32, h as u32);
    let image = if gray {
        image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8)
    } else {
        image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8)
    }
    .ok_or(msg!("img-jpeg-short-pixels"))?;
    Ok(Decoded {
        image,
        orientation,
        icc,
    })
}

/// The errors zune-jpeg gives for a file that ends before its picture does.
fn cut_short(e: &zune_jpeg::errors::DecodeErrors) -> bool {
    use zune_jpeg::errors::DecodeErrors as E;
    match e {
        E::ExhaustedData | E::IoErrors(_) => true,
        E::FormatStatic(m) => m.contains("Premature"),
        E::Format(m) => m.contains("No more bytes") || m.contains("Premature"),
        _ => false,
    }
}

fn jpeg_error(e: &zune_jpeg::errors::DecodeErrors) -> Msg {
    if cut_short(e) {
        msg!("img-jpeg-cut-short")
    } else {
        msg!("img-damaged", kind = "JPEG", detail = e.to_string())
    }
}

/// PNG, WebP, BMP, TIFF and still GIF through image's own decoders, with limits.
fn other(bytes: &[u8], kind: Kind) -> Result<Decoded, Msg> {
    let format = match kind {
        Kind::Png => ImageFormat::Png,
        Kind::Gif => ImageFormat::Gif,
        Kind::Webp => ImageFormat::WebP,
        Kind::Bmp => ImageFormat::Bmp,
        Kind::Tiff => ImageFormat::Tiff,
        Kind::Jpeg => ImageFormat::Jpeg,
    };
    let name = kind.name();
    let damaged = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => msg!("img-too-much-memory"),
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            msg!("img-cut-short", kind = name)
        }
        image::ImageError::Unsupported(e) => {
            msg!("img-unsupported-kind", kind = name, detail = e.to_string())
        }
        e => msg!("img-damaged", kind = name, detail = e.to_string()),
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let (w, h) = decoder.dimensions();
    too_large(w.into(), h.into())?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    Ok(Decoded {
        image,
        orientation,
        icc,
    })
}

/// The picture in 8 bits a channel, in the fewest channels that keep it (grey stays grey;
/// alpha only when some pixel is not opaque); taken as it is when it already is so.
pub(crate) fn normalised(img: DynamicImage, keep_alpha: bool) -> DynamicImage {
    use DynamicImage as D;
    let gray = matches!(
        img.color(),
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    match (img, gray, keep_alpha) {
        (img @ (D::ImageLuma8(_) | D::ImageRgb8(_)), _, _) => img,
        (img @ (D::ImageLumaA8(_) | D::ImageRgba8(_)), _, true) => img,
        (img, true, false) => D::ImageLuma8(img.to_luma8()),
        (img, true, true) => D::ImageLumaA8(img.to_luma_alpha8()),
        (img, false, false) => D::ImageRgb8(img.to_rgb8()),
        (img, false, true) => D::ImageRgba8(img.to_rgba8()),
    }
}

/// `src` (stored orientation) scaled so that, once turned upright, it is `w` × `h`.
pub(crate) fn resized(
    src: &DynamicImage,
    orientation: Orientation,
    w: u32,
    h: u32,
) -> DynamicImage {
    let (sw, sh) = if turns(orientation) { (h, w) } else { (w, h) };
    if (sw, sh) == (src.width(), src.height()) {
        return src.clone();
    }
    let mut dst = match src {
        DynamicImage::ImageLuma8(_) => DynamicImage::new_luma8(sw, sh),
        DynamicImage::ImageLumaA8(_) => DynamicImage::new_luma_a8(sw, sh),
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(sw, sh),
        _ => DynamicImage::new_rgb8(sw, sh),
    };
    let options = fast_image_resize::ResizeOptions::new().resize_alg(
        fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
    );
    let mut resizer = fast_image_resize::Resizer::new();
    if resizer.resize(src, &mut dst, &options).is_err() {
        // Only a pixel type fast_image_resize lacks, which `normalised` never gives.
        return src.resize_exact(sw, sh, image::imageops::FilterType::Lanczos3);
    }
    dst
}

/// Turns a stored picture upright.
pub(crate) fn upright(mut img: DynamicImage, orientation: Orientation) -> DynamicImage {
    img.apply_orientation(orientation);
    img
}

/// A JPEG of `img` at `quality`, carrying nothing but the colour profile: the encoder writes
/// no EXIF, XMP or IPTC segment at all.
pub(crate) fn jpeg_bytes(img: &DynamicImage, quality: u8, icc: Option<&[u8]>) -> Vec<u8> {
    use image::ImageEncoder;
    let converted;
    let img = match img {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => img,
        DynamicImage::ImageLumaA8(_) => {
            converted = DynamicImage::ImageLuma8(img.to_luma8());
            &converted
        }
        _ => {
            converted = DynamicImage::ImageRgb8(img.to_rgb8());
            &converted
        }
    };
    let mut out = Vec::with_capacity(256 * 1024);
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(p) = icc {
        let _ = enc.set_icc_profile(p.to_vec());
    }
    // Encoding 8-bit pixels into memory does not fail.
    let _ = enc.write_image(
        img.as_bytes(),
        img.width(),
        img.height(),
        img.color().into(),
    );
    out
}

/// A PNG of `img`: no text, EXIF or time chunks, only the colour profile.
pub(crate) fn png_bytes(img: &DynamicImage, icc: Option<&[u8]>) -> Vec<u8> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    use image::ImageEncoder;
    let mut out = Vec::new();
    let mut enc =
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive);
    if let Some(p) = icc {
        let _ = enc.set_icc_profile(p.to_vec());
    }
    let _ = enc.write_image(
        img.as_bytes(),
        img.width(),
        img.height(),
        img.color().into(),
    );
    out
}

/// A GIF written again frame by frame: the same palettes, indices, delays and loop count, so
/// an animation is kept exactly; its comment, XMP and other extension blocks are not written.
/// Returns the bytes, the size and the number of frames.
pub(crate) fn gif_rewritten(bytes: &[u8]) -> Result<(Vec<u8>, u32, u32, usize), Msg> {
    let fail = |e: gif::DecodingError| match e {
        gif::DecodingError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            msg!("img-gif-cut-short")
        }
        e => msg!("img-damaged", kind = "GIF", detail = e.to_string()),
    };
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    if let Some(limit) = std::num::NonZeroU64::new(256 << 20) {
        options.set_memory_limit(gif::MemoryLimit::Bytes(limit));
    }
    let mut dec = options.read_info(Cursor::new(bytes)).map_err(fail)?;
    let (w, h) = (dec.width(), dec.height());
    too_large(w.into(), h.into())?;
    let palette = dec.global_palette().map(<[u8]>::to_vec).unwrap_or_default();
    let Some(first) = dec.read_next_frame().map_err(fail)?.cloned() else {
        return Err(msg!("img-gif-empty"));
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut frames = 1;
    {
        let encoding = |e: gif::EncodingError| msg!("img-gif-rewrite", detail = e.to_string());
        let mut enc = gif::Encoder::new(&mut out, w, h, &palette).map_err(encoding)?;
        // The loop count comes before the first picture, so it is known once that is read.
        enc.set_repeat(dec.repeat()).map_err(encoding)?;
        enc.write_frame(&first).map_err(encoding)?;
        while let Some(frame) = dec.read_next_frame().map_err(fail)? {
            enc.write_frame(frame).map_err(encoding)?;
            frames += 1;
        }
    }
    Ok((out, w.into(), h.into(), frames))
}
