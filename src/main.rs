//! The `credlint` command: a thin shell over the library.

use clap::{Parser, Subcommand, ValueEnum};
use credlint::config::ApiVersion;
use credlint::render::{self, Format, RenderOptions};
use credlint::{config_file, rules, schema, Config, Engine, Input, Origin};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "credlint",
    version,
    about = "Checks senhasegura PAM Core credential request bodies before they are sent"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check payload files, directories, or `-` for stdin.
    Check(CheckArgs),
    /// Print, rewrite (--write) or verify (--check) the JSON Schema of the request.
    Schema {
        /// Rewrite schema/credential-request.schema.json.
        #[arg(long, conflicts_with = "check")]
        write: bool,
        /// Exit 1 when schema/credential-request.schema.json is not current.
        #[arg(long)]
        check: bool,
    },
    /// List every rule: name, default severity, group, summary.
    Rules,
    /// Print a rule's documentation page.
    Explain {
        /// The rule's name, e.g. `jit-modes-exclusive`.
        rule: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to check (`-` reads stdin). Without any, the
    /// working directory is walked and the config's `include` applies.
    paths: Vec<PathBuf>,
    /// Output format (default: pretty).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// The configuration file (default: credlint.toml in the working directory or above).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// API release whose quirks apply: 3.32, 3.33 or 4.
    #[arg(long, value_parser = parse_api_version)]
    api_version: Option<ApiVersion>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Colour in pretty output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// The name to report stdin under.
    #[arg(long, default_value = "<stdin>")]
    stdin_filename: String,
    /// Report errors only.
    #[arg(long)]
    quiet: bool,
    /// Skip named files that hold no credential payload (as a directory walk
    /// does), instead of reporting them: for hooks that pass every staged
    /// `*.json`, `package.json` included.
    #[arg(long)]
    skip_non_payloads: bool,
}

fn parse_api_version(text: &str) -> Result<ApiVersion, String> {
    ApiVersion::parse(text)
        .ok_or_else(|| format!("unknown API version `{text}`: use 3.32, 3.33 or 4"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Schema { write, check } => schema_command(write, check),
        Command::Rules => {
            print!("{}", credlint::rules::docs::table());
            0
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(rule) => {
                print!("{}", credlint::rules::docs::page(rule));
                0
            }
            None => {
                eprintln!("credlint: no rule named `{rule}`; `credlint rules` lists them");
                2
            }
        },
    };
    ExitCode::from(code as u8)
}

/// The configuration: `--config FILE`, else `credlint.toml` found upwards, else defaults.
fn load_config(explicit: Option<&PathBuf>) -> Result<(Config, Option<PathBuf>), String> {
    let path = match explicit {
        Some(path) => {
            if !path.is_file() {
                return Err(format!("{}: no such configuration file", path.display()));
            }
            Some(path.clone())
        }
        None => std::env::current_dir()
            .ok()
            .and_then(|cwd| config_file::discover(&cwd))
            .map(|found| {
                // Shown relative to the working directory when it is below it.
                std::env::current_dir()
                    .ok()
                    .and_then(|cwd| found.strip_prefix(&cwd).ok().map(PathBuf::from))
                    .unwrap_or(found)
            }),
    };
    match path {
        Some(path) => config_file::load(&path)
            .map(|config| (config, Some(path)))
            .map_err(|e| format!("{e}")),
        None => Ok((Config::new(), None)),
    }
}

fn check(args: CheckArgs) -> i32 {
    let (mut config, config_path) = match load_config(args.config.as_ref()) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("credlint: error: {error}");
            return 2;
        }
    };
    if let Some(api) = args.api_version {
        config.api_version = api;
    }
    let engine = match Engine::new(config) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("credlint: {error}");
            return 2;
        }
    };
    let full_run = args.paths.is_empty();
    let paths = if full_run {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    let mut files = Vec::new();
    for path in &paths {
        if path.as_os_str() == "-" {
            inputs.push(read_stdin(
                &args.stdin_filename,
                engine.config().max_file_size,
            ));
        } else if std::fs::symlink_metadata(path).is_err() {
            // Reported with the others (exit 2), not a reason to check nothing.
            inputs.push(Input::Unreadable {
                path: path.clone(),
                error: "no such file or directory".into(),
            });
        } else {
            files.push(path.clone());
        }
    }
    let config = engine.config();
    let walked = credlint::walk::collect(&files, &|path| config.is_excluded(path));
    inputs.extend(
        walked
            .into_iter()
            .filter(|input| match input {
                // `include` picks the files of a run without paths (SPEC §6).
                Input::File {
                    path,
                    origin: Origin::Walked,
                } => !full_run || config.is_included(path),
                _ => true,
            })
            .map(|input| match input {
                Input::File {
                    path,
                    origin: Origin::Explicit,
                } if args.skip_non_payloads => Input::File {
                    path,
                    origin: Origin::Walked,
                },
                other => other,
            }),
    );
    let report = engine.check(inputs);
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let format = args.format.unwrap_or(Format::Pretty);
    let options = RenderOptions {
        color,
        width: terminal_width().unwrap_or(100),
        quiet: args.quiet,
    };
    let mut text = render::render(&report, format, &options);
    if !args.quiet {
        if let Some(config_path) = &config_path {
            for (line, message) in
                config_file::unused_ignores(config, config_path, &report, full_run)
            {
                eprintln!("credlint: warning: {message}");
                if format == Format::Github {
                    // Also an annotation on the config file in the workflow run.
                    text.push_str(&format!(
                        "::warning file={}{},title={}::{}\n",
                        render::github::escape_property(&config_path.display().to_string()),
                        line.map(|l| format!(",line={l}")).unwrap_or_default(),
                        render::github::escape_property("credlint unused ignore"),
                        render::github::escape_data(&message)
                    ));
                }
            }
        }
    }
    let mut lock = stdout.lock();
    if lock
        .write_all(text.as_bytes())
        .and_then(|_| lock.flush())
        .is_err()
    {
        return 2;
    }
    report.exit_code(args.deny_warnings)
}

/// Reads stdin up to the size limit (one byte more tells it is over).
fn read_stdin(name: &str, limit: u64) -> Input {
    let mut bytes = Vec::new();
    let unreadable = |error: String| Input::Unreadable {
        path: PathBuf::from(name),
        error,
    };
    match std::io::stdin().take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Err(error) => unreadable(format!("cannot read stdin: {error}")),
        Ok(_) if bytes.len() as u64 > limit => unreadable(format!(
            "over the size limit of {limit} bytes: not read (raise `max_file_size` if it really is a payload)"
        )),
        Ok(_) => Input::Stdin {
            name: name.to_owned(),
            bytes,
        },
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}

fn schema_command(write: bool, check: bool) -> i32 {
    let text = schema::generate::schema_text();
    let path = PathBuf::from(schema::SCHEMA_PATH);
    if write {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        return match std::fs::write(&path, &text) {
            Ok(()) => {
                eprintln!("credlint: wrote {}", path.display());
                0
            }
            Err(error) => {
                eprintln!("credlint: cannot write {}: {error}", path.display());
                2
            }
        };
    }
    if check {
        return match std::fs::read_to_string(&path) {
            Ok(current) if current == text => 0,
            Ok(_) => {
                eprintln!(
                    "credlint: {} is stale: run `credlint schema --write`",
                    path.display()
                );
                1
            }
            Err(error) => {
                eprintln!("credlint: cannot read {}: {error}", path.display());
                2
            }
        };
    }
    print!("{text}");
    0
}
