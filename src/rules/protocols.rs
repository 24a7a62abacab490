//! The protocols credlint knows, spelled as senhasegura spells them, and a
//! lookup that tells an exact name from one that differs only by case.
//!
//! Used by `connectivities-format` (an unknown protocol is a warning),
//! `protocol-name` (a known protocol in the wrong case) and any rule that
//! needs to recognise a protocol name.

/// A protocol credlint knows: its canonical spelling and its usual port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Protocol {
    pub name: &'static str,
    pub port: u16,
}

const fn p(name: &'static str, port: u16) -> Protocol {
    Protocol { name, port }
}

/// Known protocols, in their canonical spelling, with their usual port.
///
/// The first nine are the session protocols the reference names
/// (`session_settings` keys; `X11 Forward` there is the `X11` protocol);
/// the rest are the protocols PAM deployments commonly register as device
/// connectivities (file transfer, directory, Windows management, databases,
/// network management, mail).
pub const KNOWN: &[Protocol] = &[
    // Session protocols of the reference.
    p("SSH", 22),
    p("Telnet", 23),
    p("MySQL", 3306),
    p("SQL Server", 1433),
    p("HTTP", 80),
    p("HTTPS", 443),
    p("RDP", 3389),
    p("X11", 6000),
    p("VNC", 5900),
    // File transfer.
    p("FTP", 21),
    p("FTPS", 990),
    p("SFTP", 22),
    p("SCP", 22),
    p("TFTP", 69),
    // Directory and authentication.
    p("LDAP", 389),
    p("LDAPS", 636),
    p("Kerberos", 88),
    p("RADIUS", 1812),
    p("TACACS+", 49),
    // Windows.
    p("SMB", 445),
    p("WinRM", 5985),
    p("WMI", 135),
    p("RPC", 135),
    // Databases.
    p("PostgreSQL", 5432),
    p("Oracle", 1521),
    p("MariaDB", 3306),
    p("MongoDB", 27017),
    p("Redis", 6379),
    p("DB2", 50000),
    p("Sybase", 5000),
    p("Informix", 9088),
    p("Cassandra", 9042),
    // Network and hardware management.
    p("SNMP", 161),
    p("NETCONF", 830),
    p("IPMI", 623),
    // Mail.
    p("SMTP", 25),
    p("IMAP", 143),
    p("POP3", 110),
];

/// Other names people write for a known protocol.
const ALIASES: &[(&str, &str)] = &[
    ("mssql", "SQL Server"),
    ("sqlserver", "SQL Server"),
    ("postgres", "PostgreSQL"),
    ("pgsql", "PostgreSQL"),
    ("mongo", "MongoDB"),
    ("x11forward", "X11"),
    ("tacacs", "TACACS+"),
    ("cifs", "SMB"),
];

/// What a protocol name is, compared with [`KNOWN`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Spelled exactly as a known protocol.
    Exact,
    /// A known protocol, but only when case is ignored: the canonical spelling.
    Case(&'static str),
    /// Not a protocol credlint knows.
    Unknown,
}

/// Looks a protocol name up; surrounding blanks are ignored.
pub fn lookup(name: &str) -> Lookup {
    let name = name.trim();
    if KNOWN.iter().any(|known| known.name == name) {
        return Lookup::Exact;
    }
    KNOWN
        .iter()
        .find(|known| known.name.eq_ignore_ascii_case(name))
        .map_or(Lookup::Unknown, |known| Lookup::Case(known.name))
}

/// The known protocol of this name, in any case (for its canonical spelling and port).
pub fn get(name: &str) -> Option<Protocol> {
    let name = name.trim();
    KNOWN
        .iter()
        .copied()
        .find(|known| known.name.eq_ignore_ascii_case(name))
}

/// For an unknown name, the known protocol it was probably meant to be:
/// the same letters without blanks, `-` and `_` (`sql_server`), a common
/// other name (`MSSQL`, `Postgres`), or a one-letter slip (`SHH`).
pub fn closest(name: &str) -> Option<&'static str> {
    let wanted = normalize(name);
    if wanted.is_empty() {
        return None;
    }
    if let Some(known) = KNOWN.iter().find(|k| normalize(k.name) == wanted) {
        return Some(known.name);
    }
    if let Some((_, known)) = ALIASES.iter().find(|(alias, _)| *alias == wanted) {
        return Some(known);
    }
    if wanted.chars().count() < 3 {
        return None;
    }
    let limit = if wanted.chars().count() >= 6 { 2 } else { 1 };
    KNOWN
        .iter()
        .map(|k| (distance(&normalize(k.name), &wanted), k.name))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Optimal string alignment distance: edits, with a swap of two neighbours as one.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_case_and_unknown() {
        assert_eq!(lookup("SSH"), Lookup::Exact);
        assert_eq!(lookup(" SQL Server "), Lookup::Exact);
        assert_eq!(lookup("RDp"), Lookup::Case("RDP"));
        assert_eq!(lookup("sql server"), Lookup::Case("SQL Server"));
        assert_eq!(lookup("mysql"), Lookup::Case("MySQL"));
        assert_eq!(lookup("SSHH"), Lookup::Unknown);
        assert_eq!(lookup("SQLServer"), Lookup::Unknown);
        assert_eq!(lookup(""), Lookup::Unknown);
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        for (i, a) in KNOWN.iter().enumerate() {
            for b in &KNOWN[i + 1..] {
                assert!(!a.name.eq_ignore_ascii_case(b.name), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn closest_names() {
        assert_eq!(closest("SQLServer"), Some("SQL Server"));
        assert_eq!(closest("sql_server"), Some("SQL Server"));
        assert_eq!(closest("MSSQL"), Some("SQL Server"));
        assert_eq!(closest("Postgres"), Some("PostgreSQL"));
        assert_eq!(closest("SHH"), Some("SSH"));
        assert_eq!(closest("HTTPS2"), Some("HTTPS"));
        assert_eq!(closest("Gopher"), None);
        assert_eq!(closest("AB"), None);
        assert_eq!(closest(""), None);
    }
}
