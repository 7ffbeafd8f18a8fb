//! The floor a static site generator cannot beat on this machine: read every document, split
//! off its front matter, render the Markdown with pulldown-cmark, write one HTML file each —
//! on two threads, with nothing else (no templates, lists, taxonomies or index).
//!
//!     cargo bench --bench floor -- SITE_DIR OUT_DIR

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(site), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: floor SITE_DIR OUT_DIR");
        std::process::exit(2);
    };
    let content = Path::new(site).join("content");
    let out = PathBuf::from(out);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    pool.install(|| {
        files.par_iter().for_each(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let body = match text
                .strip_prefix("---\n")
                .and_then(|t| t.split_once("\n---\n"))
            {
                Some((_, body)) => body,
                None => &text,
            };
            let mut html = String::with_capacity(body.len() * 5 / 4);
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
            let to = out
                .join(p.strip_prefix(&content).unwrap())
                .with_extension("html");
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, html).unwrap();
        })
    });
    println!("{} documents → {}", files.len(), out.display());
}
