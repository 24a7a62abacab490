//! Writes a deterministic benchmark corpus of `POST iso/pam/credential` bodies.
//!
//! ```text
//! corpus-gen --out DIR [--mixed N] [--full M] [--seed S]
//! ```
//!
//! * `DIR/mixed/DDD/NNNNNNN.json`: N mixed payloads of about 1 KB; about 10 %
//!   are faulty, in four kinds of equal share: invalid JSON, type errors,
//!   unknown keys, JIT mode conflicts. About 3 % of the files are batches (an
//!   array of two payloads).
//! * `DIR/full/DDD/NNNNNNN.json`: M fully populated valid payloads (every
//!   field and every settings block, consistent with the rules: placeholders
//!   for secrets, one JIT mode, complete references).
//!
//! File `i` depends only on the seed and `i`, so `--mixed 1000` is the first
//! thousand files of `--mixed 100000`. Folders hold 1,000 files each.
//! Identities (username, hostname, identifier) are unique across the corpus.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: tiny, seeded, good enough to pick fields.
struct Rng(u64);

impl Rng {
    fn for_file(seed: u64, kind: u64, index: u64) -> Rng {
        let mut r = Rng(seed
            ^ kind.wrapping_mul(0xA076_1D64_78BD_642F)
            ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A JSON value, serialized pretty with a 2-space indent.
enum J {
    S(String),
    B(bool),
    I(i64),
    O(Vec<(String, J)>),
    A(Vec<J>),
}

fn s(text: impl Into<String>) -> J {
    J::S(text.into())
}

impl J {
    fn write(&self, out: &mut String, indent: usize) {
        match self {
            J::S(text) => write_str(out, text),
            J::B(b) => out.push_str(if *b { "true" } else { "false" }),
            J::I(n) => {
                let _ = write!(out, "{n}");
            }
            J::O(members) if members.is_empty() => out.push_str("{}"),
            J::O(members) => {
                out.push_str("{\n");
                for (i, (key, value)) in members.iter().enumerate() {
                    pad(out, indent + 1);
                    write_str(out, key);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                    if i + 1 < members.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                pad(out, indent);
                out.push('}');
            }
            J::A(items) if items.is_empty() => out.push_str("[]"),
            J::A(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    pad(out, indent + 1);
                    item.write(out, indent + 1);
                    if i + 1 < items.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                pad(out, indent);
                out.push(']');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::with_capacity(1200);
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn members(&mut self) -> &mut Vec<(String, J)> {
        match self {
            J::O(m) => m,
            _ => unreachable!("payloads are objects"),
        }
    }

    fn set(&mut self, key: &str, value: J) {
        let members = self.members();
        match members.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => members.push((key.to_owned(), value)),
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn write_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::O(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

const VENDORS: [&str; 6] = [
    "Debian",
    "Microsoft",
    "Cisco",
    "Red Hat",
    "Oracle",
    "Juniper",
];
const MODELS: [&str; 5] = [
    "10.0 Buster",
    "Windows Server 2019",
    "IOS XE",
    "RHEL 9",
    "Junos 22",
];
const TYPES: [&str; 4] = ["Server", "Router", "Switch", "Database"];
const CRED_TYPES: [&str; 3] = ["Local User", "Domain User", "Local Administrator"];
const SITES: [&str; 3] = ["Default", "Datacenter SP", "Datacenter RJ"];
const TAGS: [&str; 8] = [
    "api", "app", "db", "prod", "web", "linux", "windows", "network",
];
const CONNECTIVITIES: [&str; 5] = ["SSH:22", "HTTPS:443", "RDP:3389", "Telnet:23", "MySQL:3306"];
const PLUGINS: [&str; 3] = ["SSH", "Windows RPC", "MySQL"];
const TEMPLATES: [&str; 4] = [
    "Linux - Change Password",
    "3COM",
    "Windows - Local User",
    "MySQL - Alter User",
];
const APPS: [&str; 4] = ["Putty", "MySQL Workbench", "Kaspersky", "WinSCP"];

fn ip(rng: &mut Rng) -> String {
    format!(
        "10.{}.{}.{}",
        rng.below(256),
        rng.below(256),
        1 + rng.below(254)
    )
}

fn host(prefix: &str, n: u64) -> String {
    format!("{prefix}-{n:06}.example.com")
}

/// A comma-separated list of distinct items.
fn list(rng: &mut Rng, items: &[&str], max: u64) -> String {
    let count = 1 + rng.below(max) as usize;
    let start = rng.below(items.len() as u64) as usize;
    (0..count.min(items.len()))
        .map(|i| items[(start + i) % items.len()])
        .collect::<Vec<_>>()
        .join(", ")
}

/// Identity unique to (kind, index, slot).
fn identity(kind: &str, index: u64, slot: u64) -> (String, String) {
    (
        format!("{kind}_user_{index:07}_{slot}"),
        host(&format!("{kind}-host{slot}"), index),
    )
}

fn execution(rng: &mut Rng, index: u64) -> J {
    let mut members = vec![
        ("parent_credential", s("root")),
        ("parent_hostname", s(host("jump", index % 97))),
        ("parent_ip", s(ip(rng))),
        ("automatic_change", J::B(true)),
        ("agent_based_password_change", J::B(false)),
        ("change_plugin", s(rng.pick(&PLUGINS))),
        ("change_template", s(rng.pick(&TEMPLATES))),
        ("use_own_credential_to_connect", J::B(false)),
        ("authentication_credential", s("svc_rotate")),
        ("authentication_hostname", s(host("vault", index % 13))),
        ("authentication_ip", s(ip(rng))),
    ];
    members.push(("status", J::B(true)));
    members.push(("reconciliation_credential", s("svc_reconcile")));
    members.push(("reconciliation_hostname", s(host("vault", index % 11))));
    members.push(("reconciliation_ip", s(ip(rng))));
    members.push(("reconciliation_plugin", s(rng.pick(&PLUGINS))));
    members.push(("reconciliation_template", s(rng.pick(&TEMPLATES))));
    obj(members)
}

fn session(rng: &mut Rng, index: u64) -> J {
    obj(vec![
        ("SSH", J::B(true)),
        ("Telnet", J::B(false)),
        ("MySQL", J::B(true)),
        ("SQL Server", J::B(false)),
        ("HTTP", J::B(false)),
        ("HTTPS", J::B(true)),
        ("RDP", J::B(true)),
        ("X11 Forward", J::B(false)),
        ("VNC", J::B(false)),
        ("restrict_access_to_remote_application", J::B(true)),
        (
            "macros",
            J::A(vec![
                obj(vec![
                    ("remote_app", s(rng.pick(&APPS))),
                    ("connectivity", s("SSH")),
                ]),
                obj(vec![
                    ("remote_app", s(rng.pick(&APPS))),
                    ("connectivity", s("RDP")),
                ]),
            ]),
        ),
        ("use_own_credential_to_connect", J::B(false)),
        ("authentication_credential", s("svc_session")),
        ("authentication_hostname", s(host("gateway", index % 7))),
        ("authentication_ip", s(ip(rng))),
    ])
}

fn additional(rng: &mut Rng, identifier: &str) -> J {
    obj(vec![
        ("identifier", s(identifier)),
        (
            "user_credential_owner",
            s(format!("owner{}", rng.below(50))),
        ),
        ("server_path", s("/srv/app")),
        ("secret_key", s("${TOTP_SECRET}")),
        (
            "criticality",
            s(*["Low", "Medium", "High"]
                .get(rng.below(3) as usize)
                .unwrap()),
        ),
        (
            "additional_authentication_fields",
            J::A(vec![obj(vec![
                ("name", s("enable")),
                ("short_name", s("en")),
                ("value", s("${ENABLE_SECRET}")),
            ])]),
        ),
        ("notes", s("managed by the import job")),
    ])
}

fn jit(rng: &mut Rng, index: u64, conflict: bool) -> J {
    let creation = conflict || rng.chance(50);
    let mut members = vec![
        ("jit", J::B(true)),
        ("credential_creation_and_deletion", J::B(creation)),
        ("enable_disable_credential", J::B(conflict || !creation)),
    ];
    if creation {
        members.push(("credential_creation_plugin", s("SSH")));
        members.push(("credential_creation_template", s("Linux - Create User")));
        members.push(("credential_deletion_plugin", s("SSH")));
        members.push(("credential_deletion_template", s("Linux - Remove User")));
    }
    if conflict || !creation {
        members.push(("credential_enable_plugin", s("SSH")));
        members.push(("credential_enable_template", s("Linux - Unlock User")));
        members.push(("credential_disable_plugin", s("SSH")));
        members.push(("credential_disable_template", s("Linux - Lock User")));
    }
    members.push(("use_own_credential_to_connect", J::B(false)));
    members.push(("authentication_credential", s("svc_jit")));
    members.push(("authentication_hostname", s(host("jit", index % 5))));
    members.push(("authentication_ip", s(ip(rng))));
    obj(members)
}

/// A fully populated valid payload.
fn full(rng: &mut Rng, index: u64, slot: u64) -> J {
    let (username, hostname) = identity("full", index, slot);
    let identifier = format!("full-{index:07}-{slot}");
    let mut p = obj(vec![
        ("identifier", s(identifier.clone())),
        ("username", s(username)),
        ("hostname", s(hostname)),
        ("ip", s(ip(rng))),
        ("content", s("${CREDENTIAL_PASSWORD}")),
        ("additional", s("imported")),
        ("tags", s(list(rng, &TAGS, 3))),
        ("credential_type", s(rng.pick(&CRED_TYPES))),
        ("domain", s("corp.example.com")),
        ("type", s(rng.pick(&TYPES))),
        ("vendor", s(rng.pick(&VENDORS))),
        ("model", s(rng.pick(&MODELS))),
        ("site", s(rng.pick(&SITES))),
        ("device_domain", s("corp.example.com")),
        ("device_tags", s(list(rng, &TAGS, 2))),
        ("connectivities", s(list(rng, &CONNECTIVITIES, 3))),
        ("session_remote_config", s("SSH:EXPECT:FILL")),
    ]);
    p.set("execution_settings", execution(rng, index));
    p.set("session_settings", session(rng, index));
    p.set("additional_settings", additional(rng, &identifier));
    p.set("jit_settings", jit(rng, index, false));
    p
}

/// Makes one optional field's value.
type Maker = fn(&mut Rng) -> J;

/// A valid mixed payload: the required fields, a random share of the
/// optional ones and one settings block, sometimes two (about 1 KB pretty-printed).
fn mixed(rng: &mut Rng, index: u64, slot: u64) -> J {
    let (username, hostname) = identity("mix", index, slot);
    let identifier = format!("mix-{index:07}-{slot}");
    let mut p = obj(vec![]);
    if rng.chance(70) {
        p.set("identifier", s(identifier.clone()));
    }
    p.set("username", s(username));
    p.set("hostname", s(hostname));
    p.set("ip", s(ip(rng)));
    let optional: [(&str, Maker); 13] = [
        ("content", |_| s("${CREDENTIAL_PASSWORD}")),
        ("additional", |_| s("imported by the nightly job")),
        ("tags", |r| s(list(r, &TAGS, 3))),
        ("credential_type", |r| s(r.pick(&CRED_TYPES))),
        ("domain", |_| s("corp.example.com")),
        ("type", |r| s(r.pick(&TYPES))),
        ("vendor", |r| s(r.pick(&VENDORS))),
        ("model", |r| s(r.pick(&MODELS))),
        ("site", |r| s(r.pick(&SITES))),
        ("device_domain", |_| s("corp.example.com")),
        ("device_tags", |r| s(list(r, &TAGS, 2))),
        ("connectivities", |r| s(list(r, &CONNECTIVITIES, 3))),
        ("session_remote_config", |_| s("SSH:EXPECT:FILL")),
    ];
    for (key, make) in optional {
        if rng.chance(60) {
            let value = make(rng);
            p.set(key, value);
        }
    }
    // One settings block, sometimes a second one.
    let first = rng.below(4);
    let second = if rng.chance(15) {
        Some((first + 1 + rng.below(3)) % 4)
    } else {
        None
    };
    for block in std::iter::once(first).chain(second) {
        match block {
            0 => p.set("execution_settings", execution(rng, index)),
            1 => p.set("session_settings", session(rng, index)),
            2 => p.set("additional_settings", additional(rng, &identifier)),
            _ => p.set("jit_settings", jit(rng, index, false)),
        }
    }
    p
}

#[derive(Clone, Copy, Debug)]
enum Fault {
    InvalidJson,
    TypeError,
    UnknownKey,
    JitConflict,
}

const FAULTS: [Fault; 4] = [
    Fault::InvalidJson,
    Fault::TypeError,
    Fault::UnknownKey,
    Fault::JitConflict,
];

fn apply_fault(rng: &mut Rng, p: &mut J, fault: Fault, index: u64) {
    match fault {
        Fault::InvalidJson => {} // applied to the text
        Fault::TypeError => match rng.below(4) {
            0 => p.set("parent_password", s("123")),
            1 => p.set("tags", J::A(vec![s("api"), s("app")])),
            2 => {
                let mut block = execution(rng, index);
                block.set("automatic_change", s("true"));
                p.set("execution_settings", block);
            }
            _ => {
                let mut block = execution(rng, index);
                block.set("parent_ip", J::I(10));
                p.set("execution_settings", block);
            }
        },
        Fault::UnknownKey => {
            let key = rng.pick(&[
                "hostame",
                "password",
                "notes",
                "additional_info",
                "session_remote_conig",
            ]);
            p.set(key, s("x"));
        }
        Fault::JitConflict => p.set("jit_settings", jit(rng, index, true)),
    }
}

/// Breaks the text in one of the ways people break JSON.
fn break_json(rng: &mut Rng, text: &str) -> String {
    match rng.below(4) {
        // trailing comma before the last `}`
        0 => {
            let at = text.trim_end().rfind('}').unwrap_or(text.len());
            let before = text[..at].trim_end();
            format!("{before},\n}}\n")
        }
        // the closing brace is missing
        1 => text.trim_end().trim_end_matches('}').to_owned() + "\n",
        // a key without quotes
        2 => text.replacen("\"hostname\"", "hostname", 1),
        // single-quoted string
        _ => text
            .replacen("\"ip\": \"", "\"ip\": '", 1)
            .replacen("\",\n", "',\n", 1),
    }
}

struct Stats {
    files: u64,
    bytes: u64,
    batches: u64,
    faults: [u64; 4],
}

fn write_file(dir: &Path, index: u64, text: &str, stats: &mut Stats) {
    let sub = dir.join(format!("{:03}", index / 1000));
    if !sub.exists() {
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| die(&format!("{}: {e}", sub.display())));
    }
    let path = sub.join(format!("{index:07}.json"));
    std::fs::write(&path, text).unwrap_or_else(|e| die(&format!("{}: {e}", path.display())));
    stats.files += 1;
    stats.bytes += text.len() as u64;
}

fn die(message: &str) -> ! {
    eprintln!("corpus-gen: {message}");
    std::process::exit(2)
}

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut mixed_n = 10_000u64;
    let mut full_n = 1_000u64;
    let mut seed = 6u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| die(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value())),
            "--mixed" => {
                mixed_n = value()
                    .parse()
                    .unwrap_or_else(|_| die("--mixed takes a count"))
            }
            "--full" => {
                full_n = value()
                    .parse()
                    .unwrap_or_else(|_| die("--full takes a count"))
            }
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| die("--seed takes an integer"))
            }
            "-h" | "--help" => {
                println!("corpus-gen --out DIR [--mixed N] [--full M] [--seed S]");
                return;
            }
            other => die(&format!("unknown argument `{other}`")),
        }
    }
    let out = out.unwrap_or_else(|| die("--out DIR is required"));
    for (name, n) in [("mixed", mixed_n), ("full", full_n)] {
        let dir = out.join(name);
        if n == 0 {
            continue;
        }
        let _ = std::fs::remove_dir_all(&dir);
        let mut stats = Stats {
            files: 0,
            bytes: 0,
            batches: 0,
            faults: [0; 4],
        };
        for index in 0..n {
            let mut rng = Rng::for_file(seed, if name == "mixed" { 1 } else { 2 }, index);
            let text = if name == "full" {
                full(&mut rng, index, 0).text()
            } else {
                let faulty = rng.chance(10);
                let batch = rng.chance(3);
                let fault = FAULTS[rng.below(4) as usize];
                let mut payloads = vec![mixed(&mut rng, index, 0)];
                if batch {
                    stats.batches += 1;
                    let mut second = mixed(&mut rng, index, 1);
                    // keep a batch near 1 KB: two small payloads
                    second.members().retain(|(k, _)| !k.ends_with("_settings"));
                    payloads[0]
                        .members()
                        .retain(|(k, _)| k != "execution_settings" && k != "session_settings");
                    payloads.push(second);
                }
                if faulty {
                    stats.faults[fault as usize] += 1;
                    apply_fault(&mut rng, &mut payloads[0], fault, index);
                }
                let text = if payloads.len() == 1 {
                    payloads.pop().unwrap().text()
                } else {
                    J::A(payloads).text()
                };
                if faulty && matches!(fault, Fault::InvalidJson) {
                    break_json(&mut rng, &text)
                } else {
                    text
                }
            };
            write_file(&dir, index, &text, &mut stats);
        }
        println!(
            "{}: {} files, {} bytes (mean {} B), {} batches, faulty: {} invalid JSON, {} type errors, {} unknown keys, {} JIT conflicts",
            dir.display(),
            stats.files,
            stats.bytes,
            stats.bytes / stats.files.max(1),
            stats.batches,
            stats.faults[0],
            stats.faults[1],
            stats.faults[2],
            stats.faults[3],
        );
    }
}
