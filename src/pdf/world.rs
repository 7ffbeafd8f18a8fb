//! The Typst world of one book: its one source text, the system's fonts, the images the text
//! names (only those: a document cannot make Typst read any other file) and today's date.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_kit::fonts::FontStore;

use std::collections::HashMap;
use std::path::PathBuf;

/// The system's fonts, found once per run.
pub(crate) fn system_fonts() -> FontStore {
    let mut store = FontStore::new();
    store.extend(typst_kit::fonts::system());
    store
}

pub(crate) struct BookWorld {
    library: LazyHash<Library>,
    fonts: FontStore,
    main: Source,
    images: HashMap<FileId, PathBuf>,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl BookWorld {
    pub(crate) fn new(
        fonts: FontStore,
        text: String,
        images: &[(String, PathBuf)],
        today: chrono::NaiveDate,
    ) -> BookWorld {
        use chrono::Datelike;
        let main_id = file_id("/main.typ").expect("a valid path");
        let images = images
            .iter()
            .filter_map(|(v, p)| Some((file_id(v)?, p.clone())))
            .collect();
        BookWorld {
            library: LazyHash::new(Library::default()),
            fonts,
            main: Source::new(main_id, text),
            images,
            today: Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8),
        }
    }
}

impl typst::World for BookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let Some(path) = self.images.get(&id) else {
            return Err(FileError::NotFound(
                id.vpath().get_with_slash().to_string().into(),
            ));
        };
        let bytes =
            crate::fsio::read_bytes(path).map_err(|d| FileError::Other(Some(d.message.into())))?;
        Ok(Bytes::new(bytes))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
