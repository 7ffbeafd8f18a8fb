//! The commands' standard output and error. println! panics when the reader has gone
//! (`huibian check | head -1`: EPIPE, and the same error on Windows) or the disk is full; here
//! a reader that has gone ends that stream quietly and the command keeps its exit code, and any
//! other failure to write the output is said once on stderr, exit 1.
//!
//! Not SIGPIPE reset to its default, as some CLIs do: that also kills `serve` when a browser
//! drops a connection mid-answer (hyper writes with writev, which raises SIGPIPE on a socket),
//! and it does nothing on Windows.

use huibian::diag::{Diagnostic, Failure};
use huibian::i18n::{Lang, Msg};
use huibian::msg;
use std::fmt::Display;
use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;

pub(crate) struct Console {
    out: Stream,
    err: Stream,
    /// The language everything is said in.
    lang: Lang,
}

impl Console {
    /// The process's own stdout and stderr.
    pub(crate) fn std(lang: Lang) -> Console {
        Console::new(Box::new(io::stdout()), Box::new(io::stderr()), lang)
    }

    fn new(out: Box<dyn Write>, err: Box<dyn Write>, lang: Lang) -> Console {
        Console {
            out: Stream::new(out),
            err: Stream::new(err),
            lang,
        }
    }

    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// A catalogue message in the console's language, as one line of output.
    pub(crate) fn say_msg(&mut self, m: Msg) {
        let line = m.text(self.lang);
        self.say(line);
    }

    /// One line of the command's output.
    pub(crate) fn say(&mut self, line: impl Display) {
        self.out.write(format_args!("{line}\n"));
    }

    /// Output text as it is (it carries its own line ends).
    pub(crate) fn print(&mut self, text: impl Display) {
        self.out.write(format_args!("{text}"));
    }

    /// One line for the person at the terminal (progress, timings) on stderr.
    pub(crate) fn tell(&mut self, line: impl Display) {
        self.err.write(format_args!("{line}\n"));
    }

    /// Prints a command's failure with what it left (`outcome`, where the command can
    /// promise it): the exit code is then 1.
    pub(crate) fn fail(&mut self, failure: &Failure, outcome: Option<&str>) -> ExitCode {
        let report = failure.report(outcome, self.lang);
        self.tell(report);
        ExitCode::FAILURE
    }

    /// The command's exit code, unless its output could not be written (the reader having
    /// gone is no failure: `| head -1` asked for that).
    pub(crate) fn finish(mut self, code: ExitCode) -> ExitCode {
        match self.out.failed.take() {
            None => code,
            Some(e) => {
                let stdout = huibian::i18n::tr(self.lang, "console-stdout");
                let d = Diagnostic::tr(stdout, msg!("console-cannot-write", error = e.to_string()))
                    .hint_tr(msg!("console-cannot-write-hint"));
                self.fail(&Failure::one(d), None)
            }
        }
    }
}

/// One of the two streams: written until it fails once, then left alone.
struct Stream {
    w: Box<dyn Write>,
    closed: bool,
    /// Why it stopped, when not because the reader went away.
    failed: Option<io::Error>,
}

impl Stream {
    fn new(w: Box<dyn Write>) -> Stream {
        Stream {
            w,
            closed: false,
            failed: None,
        }
    }

    fn write(&mut self, args: std::fmt::Arguments) {
        if self.closed {
            return;
        }
        if let Err(e) = self.w.write_fmt(args).and_then(|()| self.w.flush()) {
            self.closed = true;
            if e.kind() != ErrorKind::BrokenPipe {
                self.failed = Some(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that refuses every write with `kind`, counting the tries.
    struct Refusing(ErrorKind, std::rc::Rc<std::cell::Cell<usize>>);

    impl Write for Refusing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            self.1.set(self.1.get() + 1);
            Err(self.0.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn refusing(kind: ErrorKind) -> (Console, std::rc::Rc<std::cell::Cell<usize>>) {
        let tries = std::rc::Rc::new(std::cell::Cell::new(0));
        let c = Console::new(
            Box::new(Refusing(kind, tries.clone())),
            Box::new(io::sink()),
            Lang::En,
        );
        (c, tries)
    }

    #[test]
    fn a_reader_gone_stops_the_output_once_and_keeps_the_exit_code() {
        let (mut c, tries) = refusing(ErrorKind::BrokenPipe);
        c.say("one");
        c.say("two");
        assert_eq!(tries.get(), 1, "no write after the reader has gone");
        assert_eq!(c.finish(ExitCode::from(2)), ExitCode::from(2));
    }

    #[test]
    fn a_full_disk_fails_the_command() {
        let (mut c, _) = refusing(ErrorKind::StorageFull);
        c.print("text");
        assert_eq!(c.finish(ExitCode::SUCCESS), ExitCode::FAILURE);
    }
}
