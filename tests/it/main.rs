//! Integration tests: fixture sites built in temp dirs through the huibian binary, checked on
//! the files and HTML a person would get.

mod common;

mod archive;
pub mod browser;
mod check;
mod cli;
mod commonmark;
mod errors;
mod import;
mod links;
mod markdown;
mod pages;
mod props;
mod publish;
mod safety;
pub mod serve;
mod web;
mod zipbomb;
