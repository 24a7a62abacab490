//! Comparing key spellings: shared by the unknown-field suggestions, the
//! rules that recognise a misspelled key, and secret masking.

/// Lower case, without blanks, underscores, hyphens, back-ticks and quotes:
/// `SQL Server` and `sql_server` compare equal.
pub fn normalize(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '`' | '\''))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Two rows back are enough for the swap case.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("hostame", "hostname"), 1);
        assert_eq!(distance("hostnmae", "hostname"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("contnet", "content"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(normalize("SQL Server"), normalize("sql_server"));
    }
}
