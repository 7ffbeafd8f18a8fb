//! Integration tests: fixture sites built in temp dirs through the huibian binary, checked on
//! the files and HTML a person would get.

mod common;

mod archive;
mod attrs;
pub mod browser;
mod check;
mod checkers;
mod cli;
mod cmd;
mod coldpath;
mod commonmark;
mod emph;
mod errors;
mod firstweek;
mod firstweek_import;
mod hosts;
mod i18n;
mod images;
mod import;
mod import_safety;
mod incindex;
mod latency;
mod links;
mod manual;
mod markdown;
mod office;
mod outputs;
mod pages;
#[cfg(feature = "pdf")]
mod pdf;
mod props;
mod publish;
mod releases;
mod review1;
mod roots;
mod safety;
pub mod serve;
mod sheets;
mod timings;
mod ui;
mod web;
mod word97;
mod zh;
mod zh_import;
mod zh_walk;
mod zipbomb;
