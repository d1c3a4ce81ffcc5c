//! Shell commands an agent is told to run: `exfiltration` (local files, the environment or
//! credentials sent to an address; credential stores read), `remote-code` (fetched code run:
//! piped to a shell, `eval`ed, decoded and executed), `destructive` (home or root deleted, the
//! main branch force-pushed, the working tree wiped, everything made world-writable) and
//! `permissions` (approvals skipped, `sudo`).

use super::{Pattern, Rule, Scope, Severity, keep};

/// Credential stores under the home folder, as a regex fragment.
macro_rules! credentials {
    () => {
        r#"(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%|/root|/home/[^/\s]+|/Users/[^/\s]+)/\.(?:ssh|aws|gnupg|netrc|git-credentials|docker/config\.json|kube/config|config/gh|npmrc|pypirc|azure|config/gcloud|terraform\.d/credentials)"#
    };
}

/// Tools that reach the network, as a regex fragment.
macro_rules! network {
    () => {
        r"(?:curl|wget|nc|ncat|netcat|socat|scp|rsync|sftp|ftp|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)"
    };
}

/// Well-known vendors' installer hosts: piping their script to a shell is still running
/// downloaded code, but the documented way to install the tool, not a stranger's payload.
const VENDOR_INSTALLERS: &[&str] = &[
    "sh.rustup.rs",
    "get.docker.com",
    "raw.githubusercontent.com/nvm-sh/",
    "raw.githubusercontent.com/Homebrew/",
    "raw.githubusercontent.com/ohmyzsh/",
    "raw.githubusercontent.com/helm/",
    "install.python-poetry.org",
    "astral.sh/",
    "bun.sh/install",
    "deno.land/install",
    "deno.land/x/install",
    "get.pnpm.io",
    "deb.nodesource.com",
    "rpm.nodesource.com",
    "get.helm.sh",
    "ollama.com/install.sh",
    "claude.ai/install.sh",
    "starship.rs/install.sh",
    "get.sdkman.io",
    "foundry.paradigm.xyz",
    "install.determinate.systems",
    "nixos.org/nix/install",
    "fnm.vercel.app",
    "get.k3s.io",
    "mise.run",
    "pyenv.run",
    "get.volta.sh",
    "dot.net/v1/dotnet-install",
    "aka.ms/InstallAzureCLIDeb",
    "sdk.cloud.google.com",
    "tailscale.com/install.sh",
    "opencode.ai/install",
    "cli.codecov.io",
    "get.trunk.io",
    "install.duckdb.org",
    "app.factory.ai/cli",
];

/// Remote code from a well-known vendor's installer is low; anything else keeps its severity.
/// Code fetched from this machine (`curl localhost:3000 | node`) is not remote; it is dropped.
fn unless_vendor(matched: &str, severity: Severity) -> Option<Severity> {
    if ["://localhost", "://127.0.0.1", "://[::1]", "://0.0.0.0"]
        .iter()
        .any(|local| matched.contains(local))
    {
        return None;
    }
    let vendor = VENDOR_INSTALLERS.iter().any(|host| matched.contains(host));
    Some(if vendor { Severity::Low } else { severity })
}

/// Drops a public key (`id_rsa.pub`), which is meant to be shared.
fn unless_public_key(matched: &str, severity: Severity) -> Option<Severity> {
    (!matched.trim_end_matches(['"', '\'']).ends_with(".pub")).then_some(severity)
}

/// `chmod -R 777` is high; one file made world-writable is medium.
fn by_recursion(matched: &str, severity: Severity) -> Option<Severity> {
    let recursive = matched.contains("-R") || matched.contains("--recursive");
    Some(if recursive {
        severity
    } else {
        Severity::Medium
    })
}

pub(super) const PATTERNS: &[Pattern] = &[
    Pattern {
        rule: Rule {
            id: "exfiltration/upload-credentials",
            severity: Severity::Critical,
            why: "the command sends a credential store (SSH keys, cloud credentials, tokens, `.env`) to another machine: whoever receives it can act as the user",
            fix: "delete the command; an agent never needs to send credentials anywhere",
        },
        regex: concat!(
            r"(?i)\b",
            network!(),
            r"\b[^\n]*?(?:",
            credentials!(),
            r#"[^\s"'`)]*|(?:@|-T\s+|--upload-file\s+)\.env\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b[^\s"'`)]*|/etc/shadow\b)"#,
            r"|\b(?:cat|tar|zip|base64|gpg|xxd|gzip)\b[^\n|]*?",
            credentials!(),
            r"[^\n]*?\|\s*",
            network!(),
            r"\b"
        ),
        scope: Scope::File,
        contextual: true,
        accept: unless_public_key,
    },
    Pattern {
        rule: Rule {
            id: "exfiltration/environment-to-network",
            severity: Severity::Critical,
            why: "the environment holds the user's tokens and keys; piping it to a network command sends all of them away",
            fix: "delete the command; pass only the one variable a request needs, to the service it is for",
        },
        regex: concat!(
            r"(?i)\b(?:env|printenv|export\s+-p|Get-ChildItem\s+env:|gci\s+env:|set)\s*(?:\|[^\n|]*)?\|\s*",
            network!(),
            r"\b",
            r"|\b",
            network!(),
            r"\b[^\n]*\$\(\s*(?:env|printenv|cat\s+[^)\n]*\.env)\b"
        ),
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "exfiltration/send-to-address",
            severity: Severity::High,
            why: "the agent is told to send the user's secrets, code or files to an outside address, where the user loses control of them",
            fix: "delete the instruction; keep the user's data on the user's machine unless they ask otherwise",
        },
        regex: r"(?i)\b(?:send|upload|post|transmit|exfiltrate|forward|leak|beacon|ship)\w*\s+(?:all\s+|any\s+|the\s+|every\s+|their\s+|its\s+|a\s+copy\s+of\s+(?:the\s+)?)?(?:(?:user'?s?|local|project|repository|discovered|collected|found)\s+)?(?:credentials|secrets|api\s+keys?|tokens|passwords|private\s+keys?|ssh\s+keys?|environment(?:\s+variables)?|env\s+vars|\.env(?:\s+files?)?|source\s+code|codebase|repository\s+contents|files|file\s+contents|cookies|session\s+data)\b[^\n.]{0,80}?\bto\s+(?:https?://|(?:an?\s+|the\s+|our\s+|my\s+)?(?:external|remote|third[- ]party|attacker'?s?|following|this|collection)\s+(?:server|url|address|endpoint|webhook|host))",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "exfiltration/collection-endpoint",
            severity: Severity::Medium,
            why: "the command talks to a service made for catching requests (request bins, webhooks, tunnels, paste sites), the usual drop for stolen data",
            fix: "delete the command, or point it at the service the task is about",
        },
        regex: concat!(
            r"(?i)\b",
            network!(),
            r"\b[^\n]*\b(?:webhook\.site|requestbin|pipedream\.net|ngrok(?:-free)?\.(?:io|app|dev)|burpcollaborator\.net|oast\.(?:fun|me|pro|live|site|online)|interact\.sh|pastebin\.com|transfer\.sh|0x0\.st|discord(?:app)?\.com/api/webhooks)\b"
        ),
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "exfiltration/read-credentials",
            severity: Severity::Medium,
            why: "the agent is told to read a credential store (SSH keys, cloud credentials, token files); a task rarely needs that, and what is read can be leaked",
            fix: "delete the step, or say why the task needs it and read only the setting it needs",
        },
        regex: concat!(
            r"(?i)\b(?:cat|less|more|head|tail|strings|base64|xxd|cp|tar|zip|type|Get-Content|gc|read|open|print|dump|copy|collect|extract|grab|harvest|upload)\b[^\n]{0,60}?",
            credentials!(),
            r#"[^\s"'`)]*"#
        ),
        scope: Scope::File,
        contextual: true,
        accept: unless_public_key,
    },
    Pattern {
        rule: Rule {
            id: "remote-code/pipe-to-shell",
            severity: Severity::High,
            why: "a script downloaded and piped straight into a shell or interpreter runs whatever the server sends, unread (low for a well-known vendor's installer)",
            fix: "pin what is installed: a package manager with a version, or download, check the checksum, read, then run",
        },
        regex: r"(?i)\b(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^\n|;&]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+\s+)?(?:(?:ba|z|k|da|fi|c|tc)?sh|python[0-9.]*|perl|ruby|node|php|iex|Invoke-Expression|pwsh|powershell)\b",
        scope: Scope::File,
        contextual: true,
        accept: unless_vendor,
    },
    Pattern {
        rule: Rule {
            id: "remote-code/eval-fetched",
            severity: Severity::Critical,
            why: "fetched text passed to `eval`, `bash <(…)`, `python -c \"$(curl …)\"` or `iex` runs as code whatever the server sends (low for a well-known vendor's installer)",
            fix: "delete the command; install tools from a package manager with a pinned version",
        },
        regex: r#"(?i)(?:\beval|\bsource|\bexec|\b(?:ba|z)?sh(?:\s+-c)?|\bpython[0-9.]*\s+-c|\bnode\s+-e|\bperl\s+-e|\bruby\s+-e|\biex|\bInvoke-Expression|(?:^|\s)\.)\s*\(?\s*["']?\s*(?:\$\(|`|<\()\s*(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b|\b(?:iex|Invoke-Expression)\b[^\n]{0,40}?(?:DownloadString|Invoke-WebRequest|iwr|irm|Invoke-RestMethod)\b"#,
        scope: Scope::File,
        contextual: true,
        accept: unless_vendor,
    },
    Pattern {
        rule: Rule {
            id: "remote-code/decode-and-execute",
            severity: Severity::Critical,
            why: "decoding text and running it hides what runs: a reviewer sees base64, the shell gets commands",
            fix: "delete the command; write any command in plain text",
        },
        regex: r#"(?i)\bbase64\s+(?:-d|--decode|-D)\b[^\n|]*\|\s*(?:sudo\s+)?(?:(?:ba|z|da)?sh|python[0-9.]*|perl|ruby|node|php|eval)\b|\b(?:eval|exec|Function)\s*\(\s*(?:atob|base64_decode|b64decode|base64\.b64decode|Buffer\.from)\s*\(|\bexec\s*\(\s*(?:__import__\(\s*['"]base64['"]\s*\)|base64|codecs)\.(?:b64decode|decode)|\b(?:powershell|pwsh)(?:\.exe)?\s+(?:-\w+\s+)*-e(?:nc|ncodedcommand)?\s+[A-Za-z0-9+/=]{20,}|\bxxd\s+-r\s+-p\b[^\n|]*\|\s*(?:ba)?sh\b"#,
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "remote-code/download-and-run",
            severity: Severity::Medium,
            why: "a file downloaded and then made executable or run is code from the network that nobody checked (low for a well-known vendor's installer)",
            fix: "check a published checksum or signature before running it, or install from a package manager",
        },
        regex: r"(?i)\b(?:curl|wget)\b[^\n]*?\s(?:-o\s*|-O\s*|--output\s+|-P\s+)\S+[^\n]*?(?:&&|;)\s*(?:sudo\s+)?(?:chmod\s+\+?[0-7]*x|(?:ba|z)?sh\s+\S|\./\S|python[0-9.]*\s+\S)",
        scope: Scope::File,
        contextual: true,
        accept: unless_vendor,
    },
    Pattern {
        rule: Rule {
            id: "destructive/delete-home-or-root",
            severity: Severity::Critical,
            why: "a recursive delete of `/`, the home folder or a system folder destroys the user's files or the system",
            fix: "delete the command; remove only the paths the task created, by name",
        },
        regex: r#"(?i)\brm\s+(?:-[a-zA-Z]+\s+|--[a-z-]+\s+)*(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\s+(?:-[a-zA-Z]+\s+|--[a-z-]+\s+)*["']?(?:/|/\*|~|~/|~/\*|\$HOME|\$\{HOME\}|\$HOME/|\$HOME/\*|/home|/Users|/etc|/usr|/var|/bin|/boot|/lib|C:\\)["']?(?:\s|$|;|&|\||\)|`)"#,
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "destructive/wipe-disk",
            severity: Severity::Critical,
            why: "formatting or overwriting a disk device (or a fork bomb) destroys the machine's data or takes it down",
            fix: "delete the command",
        },
        regex: r"(?i)\bmkfs(?:\.\w+)?\s+(?:-\S+\s+)*/dev/|\bdd\s+[^\n]*\bof=/dev/(?:sd[a-z]|nvme\d|hd[a-z]|disk\d|xvd[a-z]|vd[a-z]|mmcblk)|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|>\s*/dev/sd[a-z]\b|\bshred\s+[^\n]*/dev/",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "destructive/force-push-main",
            severity: Severity::High,
            why: "force-pushing the main branch rewrites the shared history: other people's commits can be lost",
            fix: "push a branch and open a pull request; never force the main branch",
        },
        regex: r"(?i)\bgit\s+push\b[^\n]*?(?:\s(?:--force|-f)\b[^\n]*?\b(?:main|master)\b|\s(?:origin|upstream)\s+\+?(?:main|master)\b[^\n]*?\s(?:--force|-f)\b|\s\+(?:main|master|HEAD:main|HEAD:master)\b)",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "destructive/wipe-worktree",
            severity: Severity::High,
            why: "`git clean -fd` deletes every untracked file, work the user has not committed, with no way back",
            fix: "list what would go first (`git clean -n`) and remove only what the task made",
        },
        regex: r"(?i)\bgit\s+clean\s+(?:-\w+\s+)*-[a-zA-Z]*(?:f[a-zA-Z]*d|d[a-zA-Z]*f)[a-zA-Z]*\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "destructive/discard-changes",
            severity: Severity::Medium,
            why: "`git reset --hard`, `git checkout -- .` and `git restore .` throw away the user's uncommitted changes",
            fix: "stash or commit first, and ask before discarding work",
        },
        regex: r"(?i)\bgit\s+reset\s+(?:\S+\s+)?--hard\b|\bgit\s+checkout\s+(?:--\s+)?\.(?:\s|$|`)|\bgit\s+restore\s+(?:--\S+\s+)*\.(?:\s|$|`)|\bgit\s+stash\s+clear\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "destructive/world-writable",
            severity: Severity::High,
            why: "`chmod 777` lets every user and process change the files (and run them); `-R` does it to a whole tree (medium for one file)",
            fix: "give the owner what it needs (`chmod u+x`, `chmod 644`)",
        },
        regex: r"(?i)\bchmod\s+(?:-[a-zA-Z]+\s+|--[a-z-]+\s+)*(?:0?777|a\+rwx|ugo\+rwx)\b(?:\s+(?:-[a-zA-Z]+\s+)*\S+)?",
        scope: Scope::File,
        contextual: true,
        accept: by_recursion,
    },
    Pattern {
        rule: Rule {
            id: "permissions/skip-permissions",
            severity: Severity::High,
            why: "the flag runs the harness without asking before any tool use: every command and edit goes through unreviewed",
            fix: "run with the normal permission prompts, or allow the few tools the task needs",
        },
        regex: r"(?i)--dangerously-skip-permissions\b|--dangerously-bypass-approvals-and-sandbox\b|--allow-dangerously-skip-permissions\b|--permission-mode[=\s]+bypassPermissions\b|--yolo\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "permissions/sudo",
            severity: Severity::Low,
            why: "`sudo` runs the command as root, with power over the whole machine",
            fix: "run without root where possible; name the one command that needs it and say why",
        },
        // What comes before `sudo` (a line start, a prompt, a pipe) is not part of the finding.
        regex: r"(?m)(?:^[ \t>*-]*(?:\$[ \t]*)?|[`;&|(][ \t]*)(?P<at>sudo[ \t]+(?:-\S+[ \t]+)*[a-z][^\s`]*)",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "permissions/privilege-escalation",
            severity: Severity::High,
            why: "passwordless `sudo` or a setuid bit gives root to anything that runs, with no prompt",
            fix: "delete the change; ask the user to run the one privileged step themselves",
        },
        regex: r"(?i)\bNOPASSWD\s*:|\bchmod\s+(?:-\S+\s+)*(?:[ugoa]*\+s|[2467][0-7]{3})\b|>>?\s*/etc/sudoers\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
];
