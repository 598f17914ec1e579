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
    /// Score extraction against brat standoff annotations (PolNeAR layout: text/ + attributions/).
    Eval {
        /// Directory holding text/ and attributions/.
        #[arg(long)]
        brat: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Score the rules alone, without the built-in tagger.
        #[arg(long)]
        rules_only: bool,
    },
    /// Train the attribution tagger on a brat corpus (PolNeAR train) and write the model file
    /// the build embeds (see docs/evaluation.md).
    Train {
        /// Directory holding text/ and attributions/.
        #[arg(long)]
        brat: PathBuf,
        /// Where to write the model.
        #[arg(short, long, default_value = "data/attribution.model")]
        output: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 10)]
        epochs: usize,
        /// Seed of the shuffling between passes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Hold out every K-th document (name order) and score rules and tagger on it.
        #[arg(long)]
        holdout: Option<usize>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
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
        Command::Eval {
            brat,
            format,
            rules_only,
        } => claimtrace::cli::eval(&brat, format == Format::Json, rules_only),
        Command::Train {
            brat,
            output,
            epochs,
            seed,
            holdout,
        } => claimtrace::cli::train(
            &brat,
            &output,
            claimtrace::train::Options {
                epochs,
                seed,
                holdout,
            },
        ),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
