//! Distributional word clusters, a feature of the tagger ([`crate::tagger`]).
//!
//! Words used in the same contexts get near GloVe vectors; grouping the vectors lets the
//! tagger carry what it learnt of one word to its neighbours ("insisted" → "vowed"), for
//! names, titles and outlets as much as for verbs, which WordNet's classes
//! ([`crate::wordclass`]) do not cover. The table (`data/word-clusters.tsv`, made by
//! `cargo run --release --example word_clusters`, see that file) gives 60,000 common
//! lower-case words a fine cluster (of 1,024) and a coarse one (of 64).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::tagger::word_hash;
use crate::wordclass::IdentityHasher;

/// A word's clusters; [`Cluster::default`] (both 0) for a word not in the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Cluster {
    /// Fine cluster plus one (1–1024; 0 unknown).
    pub fine: u16,
    /// Coarse cluster plus one (1–64; 0 unknown).
    pub coarse: u8,
}

type Table = HashMap<u64, Cluster, BuildHasherDefault<IdentityHasher>>;

/// Parses `word<TAB>fine<TAB>coarse` lines; lines that do not parse are skipped (the
/// embedded table is checked by a test).
fn parse(text: &str) -> Table {
    let mut t = Table::with_capacity_and_hasher(text.len() / 14, Default::default());
    for line in text.lines() {
        let mut parts = line.split('\t');
        let (Some(word), Some(fine), Some(coarse)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(fine), Ok(coarse)) = (fine.parse::<u16>(), coarse.parse::<u8>()) else {
            continue;
        };
        t.insert(
            word_hash(word),
            Cluster {
                fine: fine.saturating_add(1),
                coarse: coarse.saturating_add(1),
            },
        );
    }
    t
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(include_str!("../data/word-clusters.tsv")))
}

/// The clusters of a word given its [`word_hash`].
pub fn of_hash(hash: u64) -> Cluster {
    table().get(&hash).copied().unwrap_or_default()
}

/// The clusters of a word (case does not matter).
pub fn of(word: &str) -> Cluster {
    of_hash(word_hash(word))
}

/// Coarse clusters (as numbered in the table, 0–63) whose words are mostly personal names:
/// given names and surnames of many languages ("ada", "ahmed", "mary", "khan", "smith").
/// Read off the table when it was made; a rebuilt table renumbers its clusters, and the
/// test below then fails until this list is read off again.
const NAME_CLUSTERS: &[u8] = &[4, 17, 34, 36, 37, 39, 44, 45, 52, 53, 56, 57, 63];

/// Whether the word is used as people's names are (its coarse cluster is a name cluster).
/// A cue for telling "Mary Obi" (a person) from "Harbour Federation" (a body) where the
/// words themselves are rare.
pub fn is_name_like(word: &str) -> bool {
    let coarse = of(word).coarse;
    coarse > 0 && NAME_CLUSTERS.contains(&(coarse - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_embedded_table_parses() {
        let text = include_str!("../data/word-clusters.tsv");
        let lines = text.lines().count();
        assert!(lines > 10_000, "table has {lines} lines");
        for (n, line) in text.lines().enumerate() {
            let parts: Vec<&str> = line.split('\t').collect();
            assert_eq!(parts.len(), 3, "line {}", n + 1);
            assert!(
                parts[1].parse::<u16>().is_ok_and(|f| f < 1024),
                "line {}",
                n + 1
            );
            assert!(
                parts[2].parse::<u8>().is_ok_and(|c| c < 64),
                "line {}",
                n + 1
            );
        }
        assert_eq!(table().len(), lines, "words are unique");
    }

    #[test]
    fn names_fall_in_the_name_clusters_and_common_words_do_not() {
        for name in [
            "Ada", "ahmed", "mary", "khan", "smith", "garcia", "patel", "johnson",
        ] {
            assert!(is_name_like(name), "{name}");
        }
        for word in [
            "federation",
            "union",
            "harbour",
            "said",
            "the",
            "lagos",
            "zzyzxq",
        ] {
            assert!(!is_name_like(word), "{word}");
        }
    }

    #[test]
    fn known_words_have_clusters_and_unknown_ones_none() {
        let said = of("said");
        assert!(said.fine > 0 && said.coarse > 0);
        assert_eq!(of("Said"), said, "case-blind");
        assert_eq!(of("zzyzxq"), Cluster::default());
    }

    #[test]
    fn reporting_verbs_share_a_coarse_cluster_that_furniture_lacks() {
        // Not a fixed id (re-clustering renumbers): verbs of saying used alike end up
        // together, and a household noun does not.
        assert_eq!(of("insisted").coarse, of("vowed").coarse);
        assert_ne!(of("insisted").coarse, of("sofa").coarse);
    }
}
