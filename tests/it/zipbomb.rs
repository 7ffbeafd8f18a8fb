//! Zips read with limits: a .docx bomb and an archive bomb are refused by file and entry before
//! they are inflated, a large genuine entry still verifies (streamed), and zips that lie (a
//! million entries, overlapping or inconsistent headers, cut short, unsafe names) give a clear
//! error or a refused entry, never a panic. The bombs are made once and copied raw.

use crate::common::{run, snapshot, Site};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

const MIB: usize = 1 << 20;

/// A zip whose one entry `x` is `data` deflated.
fn deflated(data: &[u8]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("x", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(data).unwrap();
    z.finish().unwrap().into_inner()
}

/// 200 MiB of zeros: about 200 KB deflated (1000:1).
fn zeros_200() -> &'static [u8] {
    static Z: OnceLock<Vec<u8>> = OnceLock::new();
    Z.get_or_init(|| deflated(&vec![0; 200 * MIB]))
}

/// 32 MiB of zeros: under every size cap, past the ratio.
fn zeros_32() -> &'static [u8] {
    static Z: OnceLock<Vec<u8>> = OnceLock::new();
    Z.get_or_init(|| deflated(&vec![0; 32 * MIB]))
}

/// 60 MiB with one varying byte in 1,600 (about 290:1, under the ratio), deflated, and the
/// SHA-256 of the inflated bytes.
fn sparse_60() -> &'static (Vec<u8>, String) {
    static Z: OnceLock<(Vec<u8>, String)> = OnceLock::new();
    Z.get_or_init(|| {
        let mut data = vec![0u8; 60 * MIB];
        let mut x = 1u32;
        for i in (0..data.len()).step_by(1600) {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            data[i] = (x >> 24) as u8 | 1;
        }
        (deflated(&data), hex(&Sha256::digest(&data)))
    })
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// What goes into a test zip.
enum E<'a> {
    /// A file deflated from these bytes.
    Bytes(&'a str, &'a [u8]),
    /// Entry `x` of a zip made before, copied without inflating it.
    Raw(&'a str, &'static [u8]),
    /// A symbolic link.
    Link(&'a str, &'a str),
    /// A second entry on the same compressed data as the entry named (a zip bomb's trick).
    Shallow(&'a str, &'a str),
}

fn write_zip(path: &Path, entries: &[E]) {
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for e in entries {
        match e {
            E::Bytes(name, bytes) => {
                z.start_file(*name, o).unwrap();
                z.write_all(bytes).unwrap();
            }
            E::Raw(name, from) => {
                let mut src = zip::ZipArchive::new(std::io::Cursor::new(*from)).unwrap();
                z.raw_copy_file_rename(src.by_name("x").unwrap(), *name)
                    .unwrap();
            }
            E::Link(name, target) => z.add_symlink(*name, *target, o).unwrap(),
            E::Shallow(name, of) => z.shallow_copy_file(of, name).unwrap(),
        }
    }
    z.finish().unwrap();
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
                  xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"";

fn document(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {NS}><w:body><w:p><w:r><w:t>关于学习的通知</w:t></w:r></w:p>{body}</w:body></w:document>")
}

/// A .docx: a one-paragraph document.xml, then `more`.
fn docx(path: &Path, more: Vec<E>) {
    let doc = document("");
    let mut entries = vec![E::Bytes("word/document.xml", doc.as_bytes())];
    entries.extend(more);
    write_zip(path, &entries);
}

/// Imports `file` into a fresh site: (success, stderr), after checking nothing panicked.
fn import(file: &Path) -> (bool, String, Site) {
    let s = Site::new("title: t\n");
    let o = run(&[
        "import",
        "--root",
        s.root().to_str().unwrap(),
        "--section",
        "speeches",
        file.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    (o.status.success(), err, s)
}

fn import_refused(file: &Path, wanted: &[&str]) {
    let (ok, err, s) = import(file);
    assert!(!ok, "import should have failed:\n{err}");
    for w in wanted {
        assert!(err.contains(w), "{w:?} not in:\n{err}");
    }
    assert!(
        snapshot(&s.root().join("content")).is_empty(),
        "something was written"
    );
}

#[test]
fn a_docx_bomb_is_refused_at_the_entry_cap_naming_file_and_entry() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("通知.docx");
    docx(&f, vec![E::Raw("word/styles.xml", zeros_200())]);
    import_refused(
        &f,
        &[
            "通知.docx: entry word/styles.xml inflates to more than 64 MiB; refused",
            "zip bomb",
        ],
    );
}

#[test]
fn a_docx_entry_past_the_compression_ratio_is_refused_before_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.docx");
    docx(&f, vec![E::Raw("word/numbering.xml", zeros_32())]);
    import_refused(
        &f,
        &["a.docx: entry word/numbering.xml inflates more than 500 times its compressed size"],
    );
}

#[test]
fn docx_pictures_past_the_total_are_refused_though_each_is_under_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("photos.docx");
    let n = 5;
    let pictures: String = (1..=n)
        .map(|i| {
            format!("<w:p><w:r><w:drawing><a:blip r:embed=\"rId{i}\"/></w:drawing></w:r></w:p>")
        })
        .collect();
    let rels: String = (1..=n)
        .map(|i| format!("<Relationship Id=\"rId{i}\" Target=\"media/image{i}.png\"/>"))
        .collect();
    let rels = format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>");
    let doc = document(&pictures);
    let names: Vec<String> = (1..=n)
        .map(|i| format!("word/media/image{i}.png"))
        .collect();
    let mut entries = vec![
        E::Bytes("word/document.xml", doc.as_bytes()),
        E::Bytes("word/_rels/document.xml.rels", rels.as_bytes()),
    ];
    entries.extend(names.iter().map(|m| E::Raw(m, &sparse_60().0)));
    write_zip(&f, &entries);
    import_refused(
        &f,
        &["photos.docx: entry word/media/image5.png takes what is read of the zip past 256 MiB"],
    );
}

/// A zip of `n` empty stored entries, written directly (the zip crate takes seconds for a
/// million), with the zip64 end records any zip of more than 65,535 entries has.
fn many_entries(n: u32) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    let le16 = |v: usize| (v as u16).to_le_bytes();
    for i in 0..n {
        let name = format!("{i:x}");
        let at = (out.len() as u32).to_le_bytes();
        // Version, flags, method, time, date, crc, sizes: 20 stored, the rest zero.
        out.extend_from_slice(b"PK\x03\x04\x14\x00");
        out.extend_from_slice(&[0; 20]);
        out.extend_from_slice(&le16(name.len()));
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        central.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00");
        central.extend_from_slice(&[0; 20]);
        central.extend_from_slice(&le16(name.len()));
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
        central.extend_from_slice(&at);
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_at, cd_len) = (out.len() as u64, central.len() as u64);
    out.extend_from_slice(&central);
    let end64_at = out.len() as u64;
    out.extend_from_slice(b"PK\x06\x06");
    out.extend_from_slice(&44u64.to_le_bytes());
    out.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for v in [n as u64, n as u64, cd_len, cd_at] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(b"PK\x06\x07\x00\x00\x00\x00");
    out.extend_from_slice(&end64_at.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff");
    out.extend_from_slice(&[0xff; 8]);
    out.extend_from_slice(&[0, 0]);
    out
}

#[test]
fn a_zip_of_a_million_entries_is_refused_by_import_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let many = many_entries(1_000_000);
    // The same bytes are a good zip to the zip crate (checked here, not by huibian).
    assert_eq!(
        zip::ZipArchive::new(std::io::Cursor::new(&many[..]))
            .unwrap()
            .len(),
        1_000_000
    );
    let f = dir.path().join("many.docx");
    fs::write(&f, &many).unwrap();
    import_refused(
        &f,
        &["many.docx: the zip lists 1000000 entries, more than the 10000 allowed"],
    );
    let a = dir.path().join("many.zip");
    fs::write(&a, &many).unwrap();
    let (ok, out) = verify(&a);
    assert!(
        !ok && out.contains("many.zip: the zip lists 1000000 entries, more than the 500000"),
        "{out}"
    );
}

#[test]
fn a_cut_short_zip_is_a_clear_error_for_import_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.docx");
    docx(&good, vec![E::Bytes("word/styles.xml", b"<w:styles/>")]);
    let bytes = fs::read(&good).unwrap();
    for keep in [0, 21, bytes.len() / 2, bytes.len() - 1] {
        let f = dir.path().join(format!("cut-{keep}.docx"));
        fs::write(&f, &bytes[..keep]).unwrap();
        import_refused(
            &f,
            &[
                &format!(
                    "cut-{keep}.docx: not a Word .docx file (not a zip file, or a damaged one"
                ),
                "save it again",
            ],
        );
        let a = dir.path().join(format!("cut-{keep}.zip"));
        fs::write(&a, &bytes[..keep]).unwrap();
        let (ok, out) = verify(&a);
        assert!(
            !ok && out.contains("not a zip file, or a damaged one"),
            "{out}"
        );
    }
}

/// Sets a 32-bit field of the central-directory header of `name` (16 crc, 20 compressed size,
/// 24 size), as a zip that lies about its entry would.
fn patch_central(bytes: &mut [u8], name: &str, field: usize, value: u32) {
    let at = (0..bytes.len() - 46)
        .find(|&i| {
            bytes[i..].starts_with(b"PK\x01\x02") && {
                let len = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
                &bytes[i + 46..i + 46 + len] == name.as_bytes()
            }
        })
        .unwrap();
    bytes[at + field..at + field + 4].copy_from_slice(&value.to_le_bytes());
}

#[test]
fn a_docx_whose_central_directory_lies_is_refused_or_read_by_what_inflates() {
    let dir = tempfile::tempdir().unwrap();
    // Two entries on one block of compressed data.
    let f = dir.path().join("overlap.docx");
    docx(
        &f,
        vec![
            E::Raw("word/styles.xml", zeros_32()),
            E::Shallow("word/numbering.xml", "word/styles.xml"),
        ],
    );
    import_refused(
        &f,
        &["overlap.docx: not a Word .docx file", "entries overlap"],
    );
    // A declared size smaller than what inflates: cut at the declared size, the checksum fails.
    let f = dir.path().join("small.docx");
    docx(&f, vec![E::Bytes("word/styles.xml", &[b' '; 100_000])]);
    let mut bytes = fs::read(&f).unwrap();
    patch_central(&mut bytes, "word/styles.xml", 24, 10);
    fs::write(&f, &bytes).unwrap();
    import_refused(&f, &["small.docx: entry word/styles.xml cannot be read"]);
    // A declared size of 4 GB on a small entry: nothing is reserved for it, it imports.
    let f = dir.path().join("big.docx");
    docx(&f, vec![]);
    let mut bytes = fs::read(&f).unwrap();
    patch_central(&mut bytes, "word/document.xml", 24, u32::MAX - 1);
    fs::write(&f, &bytes).unwrap();
    let (ok, err, s) = import(&f);
    assert!(ok, "{err}");
    let written = snapshot(&s.root().join("content"));
    assert!(
        written
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("关于学习的通知")),
        "{written:?}"
    );
}

fn verify(zip: &Path) -> (bool, String) {
    let o = run(&["verify", zip.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(!out.contains("panicked"), "{out}");
    (o.status.success(), out)
}

/// An archive as `huibian archive` lays it out: `entries`, a manifest listing `listed` with
/// their checksums (and the catalog's), and an empty catalog.
fn archive(path: &Path, entries: Vec<E>, listed: &[(&str, String)]) {
    let mut manifest = format!("{}  catalog.json\n", sum(b"[]"));
    manifest.extend(listed.iter().map(|(n, s)| format!("{s}  {n}\n")));
    let mut all = vec![
        E::Bytes("catalog.json", b"[]"),
        E::Bytes("MANIFEST.sha256", manifest.as_bytes()),
    ];
    all.extend(entries);
    write_zip(path, &all);
}

fn sum(b: &[u8]) -> String {
    hex(&Sha256::digest(b))
}

#[test]
fn verify_refuses_a_bomb_entry_and_streams_a_large_genuine_one() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<html>page</html>".as_slice();
    let bomb = dir.path().join("bomb.zip");
    archive(
        &bomb,
        vec![
            E::Bytes("site/index.html", page),
            E::Raw("site/files/big.bin", zeros_200()),
        ],
        &[
            ("site/index.html", sum(page)),
            ("site/files/big.bin", "0".repeat(64)),
        ],
    );
    let (ok, out) = verify(&bomb);
    assert!(
        !ok && out.contains(
            "bomb.zip: entry site/files/big.bin inflates more than 500 times its compressed size"
        ),
        "{out}"
    );
    // 60 MiB in one entry, nearly 300:1: within an archive's limits, checked by its checksum.
    let (data, data_sum) = sparse_60();
    let large = dir.path().join("large.zip");
    archive(
        &large,
        vec![
            E::Bytes("site/index.html", page),
            E::Raw("site/files/scan.bmp", data),
        ],
        &[
            ("site/index.html", sum(page)),
            ("site/files/scan.bmp", data_sum.clone()),
        ],
    );
    let (ok, out) = verify(&large);
    assert!(ok, "{out}");
}

/// The archive's bytes with `from` replaced by `to` (same length) everywhere: in the local and
/// the central header of the entry so named.
fn rename_raw(path: &Path, from: &[u8], to: &[u8]) {
    let mut bytes = fs::read(path).unwrap();
    let at: Vec<usize> = (0..bytes.len() - from.len())
        .filter(|&i| bytes[i..].starts_with(from))
        .collect();
    assert_eq!(at.len(), 2, "the name once in each header");
    for i in at {
        bytes[i..i + to.len()].copy_from_slice(to);
    }
    fs::write(path, bytes).unwrap();
}

#[test]
fn verify_refuses_entries_that_would_unzip_outside_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("names.zip");
    let bad = [
        "../evil.html",
        "site/../../evil.html",
        "/etc/evil",
        "//server/share/evil",
        "C:/Windows/evil",
        "c:evil",
        "site\\..\\..\\evil",
        "site/.. /evil",
        "site/.../evil",
    ];
    let mut entries: Vec<E> = bad.iter().map(|n| E::Bytes(n, b"x")).collect();
    entries.push(E::Link("site/link", "/etc/passwd"));
    entries.push(E::Bytes("site/NOTUTF8.html", b"x"));
    let mut listed: Vec<(&str, String)> = bad.iter().map(|n| (*n, sum(b"x"))).collect();
    listed.push(("site/link", sum(b"/etc/passwd")));
    archive(&a, entries, &listed);
    rename_raw(&a, b"NOTUTF8", b"\xff\xfe\xfd\xfc\xfb\xfa\xf9");
    let (ok, out) = verify(&a);
    assert!(!ok, "{out}");
    for n in bad {
        assert!(
            out.contains(&format!("refused: {n} (its name")),
            "{n}:\n{out}"
        );
    }
    assert!(
        out.contains("refused: site/link (it is a symbolic link)"),
        "{out}"
    );
    assert!(out.contains("(its name is not UTF-8)"), "{out}");
}

#[test]
fn verify_refuses_an_archive_whose_headers_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<html>page</html>".as_slice();
    let listed = [("site/a.html", sum(page)), ("site/b.html", sum(page))];
    let make = |name: &str| {
        let a = dir.path().join(name);
        archive(
            &a,
            vec![E::Bytes("site/a.html", page), E::Bytes("site/b.html", page)],
            &listed,
        );
        a
    };
    // Two entries of one name: unzip keeps one, verify would check the other.
    let dup = make("dup.zip");
    rename_raw(&dup, b"site/b.html", b"site/a.html");
    let (ok, out) = verify(&dup);
    assert!(
        !ok && out.contains("dup.zip: not a zip file, or a damaged one"),
        "{out}"
    );
    assert!(out.contains("duplicate file names"), "{out}");
    // The central directory says another size than the entry's own header.
    let lie = make("lie.zip");
    let mut bytes = fs::read(&lie).unwrap();
    patch_central(&mut bytes, "site/a.html", 24, 1);
    fs::write(&lie, &bytes).unwrap();
    let (ok, out) = verify(&lie);
    assert!(!ok && out.contains("lie.zip: not a zip file"), "{out}");
    assert!(out.contains("size mismatch"), "{out}");
    // One block of data under two names.
    let overlap = dir.path().join("overlap.zip");
    archive(
        &overlap,
        vec![
            E::Bytes("site/a.html", page),
            E::Shallow("site/b.html", "site/a.html"),
        ],
        &listed,
    );
    let (ok, out) = verify(&overlap);
    assert!(!ok && out.contains("header inconsistency"), "{out}");
    // A flipped byte inside the compressed data: that entry is damaged, the others checked.
    let flip = make("flip.zip");
    let mut bytes = fs::read(&flip).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let start = z.by_name("site/a.html").unwrap().data_start().unwrap() as usize;
    drop(z);
    bytes[start + 2] ^= 0x55;
    fs::write(&flip, &bytes).unwrap();
    let (ok, out) = verify(&flip);
    assert!(
        !ok && out.contains("damaged: entry site/a.html cannot be read"),
        "{out}"
    );
    // The other entry is checked and found as made.
    assert!(!out.contains("site/b.html"), "{out}");
}
