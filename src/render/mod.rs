//! Images of the provenance graph: through Graphviz `dot` when it is installed, or through
//! the embedded pure-Rust renderer (own layered layout and SVG writer, resvg for PNG with
//! an embedded font) when it is not.

pub mod layout;
pub mod svg;
pub mod text;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::graph::ProvGraph;

/// What draws the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Graphviz when `dot` is on PATH, the embedded renderer otherwise.
    Auto,
    /// Graphviz `dot` (through graphviz-rust's exec).
    Dot,
    /// The embedded renderer (SVG and PNG only).
    Embedded,
}

/// The image formats, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Svg,
    Png,
    Pdf,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "dot" | "gv" => Some(Format::Dot),
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// Default for `--max-nodes`: beyond this the embedded renderer refuses (the image would be
/// unreadable anyway), in well under a second.
pub const DEFAULT_MAX_NODES: usize = 1500;

/// The message when Graphviz is asked for and missing.
pub const DOT_MISSING: &str =
    "Graphviz `dot` was not found on PATH; install the graphviz package or use --engine embedded";

/// Errors of rendering, with messages meant for the user.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{DOT_MISSING}")]
    DotMissing,
    #[error("Graphviz `dot` failed: {0}")]
    DotFailed(String),
    #[error(
        "the graph has {nodes} nodes, more than the embedded renderer draws (--max-nodes {max}); \
         draw part of it with --focus or --conflicts-only, raise --max-nodes, or install Graphviz \
         and use --engine dot"
    )]
    TooLarge { nodes: usize, max: usize },
    #[error("{0} needs Graphviz: the embedded renderer writes .svg and .png only; install the graphviz package and use --engine dot or auto")]
    NeedsDot(&'static str),
    #[error("cannot draw the PNG: {0}")]
    Png(String),
    #[error("{path}: cannot write: the directory {dir} does not exist")]
    NoDir { path: PathBuf, dir: PathBuf },
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where `dot` is, when it is on PATH.
pub fn find_dot() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let names: &[&str] = if cfg!(windows) {
        &["dot.exe", "dot"]
    } else {
        &["dot"]
    };
    std::env::split_paths(&path)
        .find_map(|dir| names.iter().map(|n| dir.join(n)).find(|p| is_executable(p)))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Which engine draws, for `engine` and `format`.
pub fn choose(engine: Engine, format: Format) -> Result<Engine, RenderError> {
    if format == Format::Dot {
        return Ok(Engine::Auto); // DOT text needs no engine
    }
    let have_dot = find_dot().is_some();
    match engine {
        Engine::Dot if have_dot => Ok(Engine::Dot),
        Engine::Dot => Err(RenderError::DotMissing),
        Engine::Embedded if format == Format::Pdf => Err(RenderError::NeedsDot("PDF")),
        Engine::Embedded => Ok(Engine::Embedded),
        Engine::Auto if have_dot => Ok(Engine::Dot),
        Engine::Auto if format == Format::Pdf => Err(RenderError::NeedsDot("PDF")),
        Engine::Auto => Ok(Engine::Embedded),
    }
}

/// The embedded renderer's SVG.
pub fn embedded_svg(g: &ProvGraph, max_nodes: usize) -> Result<String, RenderError> {
    if g.node_count() > max_nodes {
        return Err(RenderError::TooLarge {
            nodes: g.node_count(),
            max: max_nodes,
        });
    }
    let m = text::Metrics::new();
    let lay = layout::layout(g, &m);
    let title = format!(
        "Provenance graph: {} claims, {} speakers, {} outlets, {} measures",
        g.nodes_of(crate::graph::NodeKind::Claim).len(),
        g.nodes_of(crate::graph::NodeKind::Speaker).len(),
        g.nodes_of(crate::graph::NodeKind::Outlet).len(),
        g.nodes_of(crate::graph::NodeKind::Measure).len(),
    );
    Ok(svg::write_svg(g, &lay, &m, &title))
}

/// Largest side of a PNG the embedded renderer draws, in pixels.
const MAX_PNG_SIDE: f32 = 12_000.0;

/// Rasterises an SVG with resvg, text set in the embedded font.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, RenderError> {
    let mut opt = resvg::usvg::Options {
        font_family: text::FONT_FAMILY.to_owned(),
        ..Default::default()
    };
    opt.fontdb_mut().load_font_data(text::FONT.to_vec());
    let tree =
        resvg::usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::Png(e.to_string()))?;
    let size = tree.size();
    let scale = (1.5_f32)
        .min(MAX_PNG_SIDE / size.width())
        .min(MAX_PNG_SIDE / size.height());
    let w = (size.width() * scale).ceil() as u32;
    let h = (size.height() * scale).ceil() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| RenderError::Png(format!("cannot allocate a {w}×{h} image")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// Runs Graphviz on the DOT text, returning its output for `format`.
pub fn run_dot(dot: &str, format: Format) -> Result<Vec<u8>, RenderError> {
    use graphviz_rust::cmd::{CommandArg, Format as GvFormat};
    if find_dot().is_none() {
        return Err(RenderError::DotMissing);
    }
    let f = match format {
        Format::Svg => GvFormat::Svg,
        Format::Png => GvFormat::Png,
        Format::Pdf => GvFormat::Pdf,
        Format::Dot => return Ok(dot.as_bytes().to_vec()),
    };
    graphviz_rust::exec_dot(dot.to_owned(), vec![CommandArg::Format(f)]).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            RenderError::DotMissing
        } else {
            RenderError::DotFailed(e.to_string())
        }
    })
}

/// The bytes of the image of `g` in `format`, drawn by `engine` (already chosen).
pub fn render(
    g: &ProvGraph,
    format: Format,
    engine: Engine,
    max_nodes: usize,
) -> Result<Vec<u8>, RenderError> {
    match (format, engine) {
        (Format::Dot, _) => Ok(crate::dot::to_dot(g).into_bytes()),
        (_, Engine::Embedded) => {
            let svg = embedded_svg(g, max_nodes)?;
            match format {
                Format::Svg => Ok(svg.into_bytes()),
                Format::Png => svg_to_png(&svg),
                _ => Err(RenderError::NeedsDot("PDF")),
            }
        }
        (_, _) => run_dot(&crate::dot::to_dot(g), format),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    let io = |source| RenderError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(RenderError::NoDir {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    // A temporary file is private (0600); the image is an ordinary file: keep the
    // permissions of the file it replaces, or make it readable by all.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// What `claimtrace graph` is asked to draw.
#[derive(Debug, Clone)]
pub struct GraphCommand {
    pub paths: Vec<PathBuf>,
    pub claims_dir: PathBuf,
    pub consistency: Option<PathBuf>,
    pub output: PathBuf,
    pub engine: Engine,
    pub focus: Option<String>,
    pub conflicts_only: bool,
    pub max_nodes: usize,
}

/// `claimtrace graph`: builds the graph, narrows it as asked, writes the image.
pub fn run_graph_command(cmd: &GraphCommand) -> Result<std::process::ExitCode, miette::Report> {
    let format = Format::from_path(&cmd.output).ok_or_else(|| {
        miette::miette!(
            "{}: unknown image type; name the output .dot, .svg, .png or .pdf",
            cmd.output.display()
        )
    })?;
    // Decide the engine first: a missing Graphviz is reported before any work.
    let engine = choose(cmd.engine, format).map_err(|e| miette::miette!("{e}"))?;
    let mut g = crate::graph::load_graph(&cmd.paths, &cmd.claims_dir, cmd.consistency.as_deref())?;
    if cmd.conflicts_only {
        g = g.conflicts_only();
        if g.node_count() == 0 {
            eprintln!(
                "note: no conflict or divergence to draw (relations come from --consistency)"
            );
        }
    }
    if let Some(f) = &cmd.focus {
        g = g.focus(f).ok_or_else(|| {
            miette::miette!(
                "--focus {f:?}: no claim id, measure or speaker of that name in the graph"
            )
        })?;
    }
    let started = std::time::Instant::now();
    let bytes = render(&g, format, engine, cmd.max_nodes).map_err(|e| miette::miette!("{e}"))?;
    write_atomic(&cmd.output, &bytes).map_err(|e| miette::miette!("{e}"))?;
    let how = match (format, engine) {
        (Format::Dot, _) => "DOT",
        (_, Engine::Dot) => "Graphviz dot",
        _ => "embedded renderer",
    };
    eprintln!(
        "{}: {} nodes, {} edges ({how}, {:.2} s)",
        cmd.output.display(),
        g.node_count(),
        g.edge_count(),
        started.elapsed().as_secs_f64()
    );
    Ok(std::process::ExitCode::SUCCESS)
}
