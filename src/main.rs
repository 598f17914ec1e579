//! The `claimtrace` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "claimtrace",
    version,
    about = "Who said what, through whom: attributed claims in news articles",
    long_about = "claimtrace finds attributed statements in news articles (who said what, through \
which channel), keeps the ones an editor reviewed in claims/*.ron, and measures itself against \
annotated corpora."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Draft the claims of one or more articles (files or directories of .txt files).
    Extract {
        /// Articles, or directories holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Create or update the claim store (claims/<article>.ron): drafts are refreshed,
        /// reviewed claims are kept as they are.
        #[arg(long)]
        write: bool,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
    },
    /// Validate claims files against their articles (exit 0 clean, 1 findings, 2 errors).
    Check {
        /// Claims files or directories (default: the claim store).
        paths: Vec<PathBuf>,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
    },
    /// Figures per measure across sources and articles: which corroborate, conflict,
    /// diverge or update each other (reviewed claims in claims/ override extraction).
    Conflicts {
        /// Articles, or directories holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format; markdown is the consistency report.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
        /// A measures lexicon (RON) that extends the built-in one (see docs/consistency.md).
        #[arg(long)]
        lexicon: Option<PathBuf>,
    },
    /// Score extraction against brat standoff annotations (PolNeAR layout: text/ + attributions/).
    Eval {
        /// Directory holding text/ and attributions/.
        #[arg(long)]
        brat: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Markdown,
    Json,
}

fn main() -> ExitCode {
    // Messages name files and paths: never wrap them mid-word.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            paths,
            format,
            write,
            claims,
        } => claimtrace::cli::extract(&paths, format == Format::Json, write, &claims),
        Command::Check { paths, claims } => claimtrace::cli::check(&paths, &claims),
        Command::Conflicts {
            paths,
            format,
            claims,
            lexicon,
        } => {
            let format = match format {
                ReportFormat::Text => claimtrace::cli::ConflictsFormat::Text,
                ReportFormat::Markdown => claimtrace::cli::ConflictsFormat::Markdown,
                ReportFormat::Json => claimtrace::cli::ConflictsFormat::Json,
            };
            claimtrace::cli::conflicts(&paths, format, &claims, lexicon.as_deref())
        }
        Command::Eval { brat, format } => claimtrace::cli::eval(&brat, format == Format::Json),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
