// A small invented brat corpus in PolNeAR's layout (`text/` + `attributions/`) for the
// tests of `claimtrace eval`: two articles, three annotation files (one article has two
// annotators), with malformed lines for the reader to skip. Nothing here comes from
// PolNeAR, which is never copied into this repository and is read from `../shared/polnear`
// at run time. The files are written to a temporary directory by `write`.

use std::path::Path;

/// (path inside the corpus, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "text/council_budget.txt",
        "Council approves budget\n\nThe mayor said the budget would “protect every library.” Critics disagreed.\n\n“We cannot afford it,” said Ana Ruiz, a councillor.\n",
    ),
    (
        "text/harbour_storm.txt",
        "Storm closes harbour\n\n“The pier is unsafe,” the harbour master warned, “and will stay shut.”\n\nIt was reported that ferries were cancelled.\n\nCafé owners said they expected losses.\n",
    ),
    (
        "attributions/council_budget_a001.ann",
        "T1\tSource 25 34\tThe mayor\nT2\tCue 35 39\tsaid\nT3\tContent 40 81\tthe budget would “protect every library.”\nT4\tAttribution 35 39\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T3\tcheck the quote marks\nT5\tSource 130 152\tAna Ruiz, a councillor\nT6\tCue 125 129\tsaid\nT7\tContent 102 124\t“We cannot afford it,”\nT8\tAttribution 125 129\tsaid\nE2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n",
    ),
    (
        "attributions/council_budget_b002.ann",
        "T1\tSource 82 89\tCritics\nT2\tCue 90 99\tdisagreed\nT3\tAttribution 90 99\tdisagreed\nT4\tContent 90 99\tdisagreed\nE1\tAttribution:T3 Content:T4 Cue:T2 Source:T1\n",
    ),
    (
        "attributions/harbour_storm_a001.ann",
        "T1\tSource 44 62\tthe harbour master\nT2\tCue 63 69\twarned\nT3\tContent 22 43;71 92\t“The pier is unsafe,” “and will stay shut.”\nT4\tAttribution 63 69\twarned\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tCue 94 109\tIt was reported\nT6\tContent 115 137\tferries were cancelled\nT7\tAttribution-no-source 94 109\tIt was reported\nE2\tAttribution-no-source:T7 Content:T6 Cue:T5\nT8\tSource 140 151\tCafé owners\nT9\tAttribution 152 156\tsaid\nT10\tContent 157 170\tthey expected\nT11\tContent 171 177\tlosses\nE3\tAttribution:T9 Content:T10 Content2:T11 Source:T8\nT12\tContent 5000 5010\tbeyond the end\nE4\tAttribution:T50 Content:T51\nand the rest of a note broken over two lines\nT13\tDiscuss 0 5\tStorm\n",
    ),
];

/// Writes the corpus under `dir` and returns nothing; panics (it is a test helper) when
/// the directory cannot be written.
pub fn write(dir: &Path) {
    for (path, contents) in FILES {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).expect("fixture directory");
        }
        std::fs::write(&file, contents).expect("fixture file");
    }
}
