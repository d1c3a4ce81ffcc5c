//! Capabilities: what an agent can do, in terms common to every harness. Each harness names its
//! tools its own way (`Bash`, `execute`, `run_shell_command`, `bash: true`); the catalogue,
//! the trust summary, facets and comparisons speak of these eight capabilities instead, and keep
//! the tool names as written beside them.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// One thing an agent may be able to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Capability {
    /// Read files.
    Read,
    /// Create, edit or delete files.
    Edit,
    /// Run shell commands.
    Shell,
    /// Search file names and contents.
    Search,
    /// Fetch web pages or search the web.
    Web,
    /// Start other agents.
    Spawn,
    /// Use tools of MCP servers.
    Mcp,
    /// Keep a to-do list.
    Todo,
}

impl Capability {
    /// Every capability, in the order they are shown.
    pub const ALL: [Capability; 8] = [
        Capability::Read,
        Capability::Edit,
        Capability::Shell,
        Capability::Search,
        Capability::Web,
        Capability::Spawn,
        Capability::Mcp,
        Capability::Todo,
    ];

    /// The id used in agents.json and the search index.
    pub fn id(self) -> &'static str {
        match self {
            Capability::Read => "read",
            Capability::Edit => "edit",
            Capability::Shell => "shell",
            Capability::Search => "search",
            Capability::Web => "web",
            Capability::Spawn => "spawn",
            Capability::Mcp => "mcp",
            Capability::Todo => "todo",
        }
    }

    /// What the capability lets an agent do, as a phrase: "runs shell commands".
    pub fn phrase(self) -> &'static str {
        match self {
            Capability::Read => "reads files",
            Capability::Edit => "edits files",
            Capability::Shell => "runs shell commands",
            Capability::Search => "searches files",
            Capability::Web => "reaches the web",
            Capability::Spawn => "starts other agents",
            Capability::Mcp => "uses MCP servers",
            Capability::Todo => "keeps a to-do list",
        }
    }
}

/// How an agent's capabilities were decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Grant {
    /// The file lists its tools; the capabilities are those the listed tools give.
    Listed,
    /// The file lists no tools, and the harness then gives the agent every tool it has
    /// (Claude Code, Copilot, Gemini CLI, Factory): the broadest grant there is.
    Inherited,
    /// The file lists no tools, and the harness then gives its own default set (OpenCode).
    HarnessDefault,
    /// The harness has no tool list but a sandbox mode (Codex: `read-only`, `workspace-write`,
    /// `danger-full-access`; Cursor: `readonly`), which decides what the agent can do.
    Sandbox { mode: String },
}

/// What an agent can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    pub grant: Grant,
    /// What the agent can do, in [`Capability::ALL`] order.
    pub set: BTreeSet<Capability>,
    /// MCP servers the agent's tools or configuration name, in the order written; `*` when it
    /// may use every server's tools.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mcp_servers: Vec<String>,
    /// Tool names the harness does not know: they give the agent nothing (a harness ignores
    /// or rejects them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_tools: Vec<String>,
    /// The tool names as written that give each capability (empty when no list decided).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub named: BTreeMap<Capability, Vec<String>>,
}

/// What one entry of a tool list means in its harness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// A tool that gives this capability, or none (it only talks to the user or plans).
    Gives(Option<Capability>),
    /// A group of tools (a Factory category, a Copilot tool set) giving these capabilities.
    Group(&'static [Capability]),
    /// An MCP server's tools: the server's name, or `*` for every server.
    Mcp(String),
    /// Every tool (`*`).
    All,
    /// A name the harness does not know.
    Unknown,
}

impl Capabilities {
    /// Every capability, as an agent that inherits all tools has.
    pub fn everything(grant: Grant) -> Capabilities {
        Capabilities {
            grant,
            set: Capability::ALL.into_iter().collect(),
            mcp_servers: vec!["*".to_string()],
            unknown_tools: Vec::new(),
            named: BTreeMap::new(),
        }
    }

    /// Nothing at all, decided by `grant`; capabilities are added with [`Capabilities::give`].
    pub fn none(grant: Grant) -> Capabilities {
        Capabilities {
            grant,
            set: BTreeSet::new(),
            mcp_servers: Vec::new(),
            unknown_tools: Vec::new(),
            named: BTreeMap::new(),
        }
    }

    /// Exactly these capabilities, decided by `grant` (a sandbox mode, a flag).
    pub fn only(grant: Grant, set: &[Capability]) -> Capabilities {
        let mut capabilities = Capabilities::none(grant);
        capabilities.set.extend(set.iter().copied());
        capabilities
    }

    /// What a harness that gives every tool to an agent without a list (Copilot, Factory)
    /// lets an agent with `tools` do.
    pub fn listed_or_inherited(
        tools: &crate::read::agent::Tools,
        meaning: impl Fn(&str) -> Meaning,
    ) -> Capabilities {
        match tools.as_list() {
            None => Capabilities::everything(Grant::Inherited),
            Some(list) => Capabilities::listed(list, meaning),
        }
    }

    /// Reads a tool list: each entry's meaning in its harness, from `meaning`. The names as
    /// written are kept beside the capability they give.
    pub fn listed<'a>(
        tools: impl IntoIterator<Item = &'a String>,
        meaning: impl Fn(&str) -> Meaning,
    ) -> Capabilities {
        let mut capabilities = Capabilities::none(Grant::Listed);
        for tool in tools {
            capabilities.take(tool, meaning(tool));
        }
        capabilities
    }

    /// Adds what `tool`, meaning `meaning`, gives.
    pub fn take(&mut self, tool: &str, meaning: Meaning) {
        match meaning {
            Meaning::Gives(Some(capability)) => self.give(capability, tool),
            Meaning::Gives(None) => {}
            Meaning::Group(set) => {
                for capability in set {
                    self.give(*capability, tool);
                }
            }
            Meaning::Mcp(server) => {
                self.give(Capability::Mcp, tool);
                if !self.mcp_servers.contains(&server) {
                    self.mcp_servers.push(server);
                }
            }
            Meaning::All => {
                for capability in Capability::ALL {
                    self.give(capability, tool);
                }
                if !self.mcp_servers.iter().any(|s| s == "*") {
                    self.mcp_servers.push("*".to_string());
                }
            }
            Meaning::Unknown => self.unknown_tools.push(tool.to_string()),
        }
    }

    /// Adds one capability, given by the tool named `tool` as written.
    pub fn give(&mut self, capability: Capability, tool: &str) {
        self.set.insert(capability);
        let names = self.named.entry(capability).or_default();
        if !names.iter().any(|n| n == tool) {
            names.push(tool.to_string());
        }
    }

    /// Takes a capability away (a tool disabled, a permission denied).
    pub fn remove(&mut self, capability: Capability) {
        self.set.remove(&capability);
        self.named.remove(&capability);
        if capability == Capability::Mcp {
            self.mcp_servers.clear();
        }
    }

    pub fn has(&self, capability: Capability) -> bool {
        self.set.contains(&capability)
    }

    /// Whether the agent can only look: no editing, no shell, no other agents.
    pub fn is_read_only(&self) -> bool {
        ![Capability::Edit, Capability::Shell, Capability::Spawn]
            .iter()
            .any(|c| self.has(*c))
    }

    /// The capabilities as phrases, in order: "reads files, runs shell commands".
    pub fn phrases(&self) -> Vec<&'static str> {
        self.set.iter().map(|c| c.phrase()).collect()
    }
}
