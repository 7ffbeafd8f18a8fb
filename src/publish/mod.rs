//! Publishing to a web server's folder: releases, the `current` switch, rollback.

pub mod release;
