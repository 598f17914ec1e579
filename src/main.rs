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
    /// The main job: extract (reviewed claims where present), compare figures, draw the
    /// graph and audit attribution, into one folder with review.html to open in a browser.
    Report {
        /// Articles, or directories holding them (default: seeds/).
        paths: Vec<PathBuf>,
        /// Folder to write.
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
        /// A measures lexicon (RON) that extends the built-in one (see docs/consistency.md).
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// What draws graph.svg and graph.png.
        #[arg(long, value_enum, default_value_t = GraphEngine::Auto)]
        engine: GraphEngine,
    },
    /// Draft the claims of one or more articles (files or directories of .txt files).
    #[command(after_help = "\
Text output, one line per claim:
  c3 @545   SPEAKER → ENTITY [CUE] CONTENT  {FLAGS}  (RULE)
  c3          the claim's id; @545 the code-point offset of the cue (of the content if none)
  SPEAKER     the source as written; → ENTITY the speaker it was resolved to (pronouns,
              surnames, roles, \"the statement\"); (no source) when none is named
  [CUE]       the attribution words; [] for a quotation continuing the previous speaker
  {FLAGS}     unnamed / vague (an anonymous source), via OUTLET (the channel),
              nested in cN (inside another claim's quotation)
  (RULE)      the rule that found it (docs/rules.md); tagger: found by the statistical tagger
--format json gives offsets, anonymity reasons and hedges (docs/claims-format.md).")]
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
        /// The rules alone, without the built-in tagger: about twice as fast, lower recall
        /// (see docs/evaluation.md for both sets of figures).
        #[arg(long)]
        rules_only: bool,
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
        #[arg(long, default_value_t = 30)]
        epochs: usize,
        /// Seed of the shuffling between passes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Hold out every K-th document (name order) and score rules and tagger on it.
        #[arg(long)]
        holdout: Option<usize>,
    },
    /// Draw the provenance graph: .dot, .svg, .png (and .pdf with Graphviz). See docs/graph.md.
    Graph {
        /// Articles or directories (default: every article of the claim store).
        paths: Vec<PathBuf>,
        /// Output file; its extension picks the format.
        #[arg(short, long)]
        output: PathBuf,
        /// Graphviz `dot` when on PATH (auto), always (dot), or the built-in renderer.
        #[arg(long, value_enum, default_value_t = GraphEngine::Auto)]
        engine: GraphEngine,
        /// Draw only the neighbourhood of a speaker, a claim id or a measure.
        #[arg(long)]
        focus: Option<String>,
        /// Keep only claims that conflict or diverge, with their sources.
        #[arg(long)]
        conflicts_only: bool,
        /// Largest graph the embedded renderer draws.
        #[arg(long, default_value_t = claimtrace::render::DEFAULT_MAX_NODES)]
        max_nodes: usize,
        /// Consistency results to draw (JSON of `claimtrace conflicts --format json`).
        #[arg(long)]
        consistency: Option<PathBuf>,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
    },
    /// Export the provenance graph as W3C PROV (JSON or PROV-N), GraphML or JSON.
    Export {
        /// Articles or directories (default: every article of the claim store).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Consistency results to include (JSON of `claimtrace conflicts --format json`).
        #[arg(long)]
        consistency: Option<PathBuf>,
        /// Directory of the claim store.
        #[arg(long, default_value = "claims")]
        claims: PathBuf,
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
enum GraphEngine {
    Auto,
    Dot,
    Embedded,
}

impl From<GraphEngine> for claimtrace::render::Engine {
    fn from(e: GraphEngine) -> Self {
        match e {
            GraphEngine::Auto => claimtrace::render::Engine::Auto,
            GraphEngine::Dot => claimtrace::render::Engine::Dot,
            GraphEngine::Embedded => claimtrace::render::Engine::Embedded,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    ProvJson,
    ProvN,
    Graphml,
    Json,
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
            rules_only,
        } => claimtrace::cli::extract(&paths, format == Format::Json, write, &claims, rules_only),
        Command::Check { paths, claims } => claimtrace::cli::check(&paths, &claims),
        Command::Report {
            paths,
            out,
            claims,
            lexicon,
            engine,
        } => claimtrace::pipeline::run_command(&claimtrace::pipeline::ReportJob {
            paths: claimtrace::pipeline::default_paths(paths),
            claims_dir: claims,
            out_dir: out,
            lexicon,
            engine: engine.into(),
        }),
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
        Command::Graph {
            paths,
            output,
            engine,
            focus,
            conflicts_only,
            max_nodes,
            consistency,
            claims,
        } => claimtrace::cli::graph(&claimtrace::render::GraphCommand {
            paths,
            claims_dir: claims,
            consistency,
            output,
            engine: engine.into(),
            focus,
            conflicts_only,
            max_nodes,
        }),
        Command::Export {
            paths,
            format,
            output,
            consistency,
            claims,
        } => claimtrace::cli::export(
            &paths,
            &claims,
            consistency.as_deref(),
            match format {
                ExportFormat::ProvJson => claimtrace::export::ExportFormat::ProvJson,
                ExportFormat::ProvN => claimtrace::export::ExportFormat::ProvN,
                ExportFormat::Graphml => claimtrace::export::ExportFormat::GraphMl,
                ExportFormat::Json => claimtrace::export::ExportFormat::Json,
            },
            output.as_deref(),
        ),
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
