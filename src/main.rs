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
    },
    /// Audit attribution in articles against sourcing standards (see docs/audit.md).
    /// Exit 1 when a finding reaches --deny, 2 for usage or I/O errors, else 0.
    Audit {
        /// Articles, or directories holding them (default: seeds).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
        format: AuditFormat,
        /// Lowest severity that fails the run: suggestion, warning, error or never
        /// (default: the configuration's, else error).
        #[arg(long, value_parser = parse_deny)]
        deny: Option<DenyLevel>,
        /// Lowest severity shown: suggestion, warning or error.
        #[arg(long, value_parser = parse_level)]
        min_level: Option<claimtrace::audit::Severity>,
        /// Configuration file (default: claimtrace.ron in the current directory, if any).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The consistency engine's JSON output (figures and conflicts) for the figure rules.
        #[arg(long)]
        consistency: Option<PathBuf>,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
        /// Print a rule's explanation (or every rule's, with `all`) and exit.
        #[arg(long, value_name = "RULE")]
        explain: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AuditFormat {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy)]
struct DenyLevel(Option<claimtrace::audit::Severity>);

fn parse_level(s: &str) -> Result<claimtrace::audit::Severity, String> {
    match s {
        "suggestion" | "warning" | "error" => {
            claimtrace::audit::Severity::parse(s).ok_or_else(|| s.to_owned())
        }
        _ => Err(format!("`{s}`: expected suggestion, warning or error")),
    }
}

fn parse_deny(s: &str) -> Result<DenyLevel, String> {
    if s == "never" {
        return Ok(DenyLevel(None));
    }
    parse_level(s)
        .map(|l| DenyLevel(Some(l)))
        .map_err(|e| format!("{e} or never"))
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
        Command::Eval { brat, format } => claimtrace::cli::eval(&brat, format == Format::Json),
        Command::Audit {
            paths,
            format,
            deny,
            min_level,
            config,
            consistency,
            claims,
            explain,
        } => {
            use claimtrace::audit::run::{Format as F, Options};
            let format = match format {
                AuditFormat::Text => F::Text,
                AuditFormat::Json => F::Json,
                AuditFormat::Sarif => F::Sarif,
                AuditFormat::Github => F::Github,
            };
            claimtrace::audit::run::run(&Options {
                paths,
                claims_dir: claims,
                format,
                deny: deny.map(|d| d.0),
                min_level,
                config,
                consistency,
                explain,
            })
        }
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
