//! The one table of tool names across harnesses: what each harness with a tool list calls the
//! same tool, and the capability it gives. Readers use it to tell what a tool list lets an agent
//! do; conversion uses it to write a tool list in another harness's names. Codex has no tool
//! list (its `sandbox_mode` decides) and Cursor only a `readonly` flag, so they have no column.

use super::Harness;
use crate::read::capability::Capability;

/// One tool, as each harness with a tool list names it (`None`: that harness has no such tool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolNames {
    /// What the tool lets an agent do (`None`: it only talks to the user or plans).
    pub capability: Option<Capability>,
    pub claude_code: Option<&'static str>,
    pub copilot: Option<&'static str>,
    pub opencode: Option<&'static str>,
    pub gemini_cli: Option<&'static str>,
    pub factory: Option<&'static str>,
}

const fn tool(
    capability: Option<Capability>,
    [claude_code, copilot, opencode, gemini_cli, factory]: [Option<&'static str>; 5],
) -> ToolNames {
    ToolNames {
        capability,
        claude_code,
        copilot,
        opencode,
        gemini_cli,
        factory,
    }
}

use Capability::{Edit, Mcp, Read, Search, Shell, Spawn, Todo, Web};

/// Every tool a conversion maps, in the order a converted tool list is written, then the tools
/// only some harnesses have (Claude Code's `AskUserQuestion`, Gemini CLI's `read_many_files`,
/// Copilot's older VS Code tool names). Where several tools of one harness become one tool of
/// another (Claude Code's `Write` and `Edit` are both Copilot's `edit`), the rows repeat the
/// name. Sources: each harness's agent documentation.
pub const TOOLS: &[ToolNames] = &[
    tool(
        Some(Read),
        [
            Some("Read"),
            Some("read"),
            Some("read"),
            Some("read_file"),
            Some("Read"),
        ],
    ),
    tool(
        Some(Read),
        [
            Some("LS"),
            Some("read"),
            Some("list"),
            Some("list_directory"),
            Some("LS"),
        ],
    ),
    tool(
        Some(Edit),
        [
            Some("Edit"),
            Some("edit"),
            Some("edit"),
            Some("replace"),
            Some("Edit"),
        ],
    ),
    tool(
        Some(Edit),
        [
            Some("MultiEdit"),
            Some("edit"),
            Some("edit"),
            Some("replace"),
            Some("MultiEdit"),
        ],
    ),
    tool(
        Some(Edit),
        [
            Some("Write"),
            Some("edit"),
            Some("write"),
            Some("write_file"),
            Some("Create"),
        ],
    ),
    tool(
        Some(Edit),
        [Some("NotebookEdit"), Some("edit"), Some("edit"), None, None],
    ),
    tool(
        Some(Shell),
        [
            Some("Bash"),
            Some("execute"),
            Some("bash"),
            Some("run_shell_command"),
            Some("Execute"),
        ],
    ),
    tool(
        Some(Search),
        [
            Some("Grep"),
            Some("search"),
            Some("grep"),
            Some("grep_search"),
            Some("Grep"),
        ],
    ),
    tool(
        Some(Search),
        [
            Some("Glob"),
            Some("search"),
            Some("glob"),
            Some("glob"),
            Some("Glob"),
        ],
    ),
    tool(
        Some(Web),
        [
            Some("WebFetch"),
            Some("web"),
            Some("webfetch"),
            Some("web_fetch"),
            Some("FetchUrl"),
        ],
    ),
    tool(
        Some(Web),
        [
            Some("WebSearch"),
            Some("web"),
            Some("websearch"),
            Some("google_web_search"),
            Some("WebSearch"),
        ],
    ),
    tool(
        Some(Spawn),
        [
            Some("Task"),
            Some("agent"),
            Some("task"),
            None,
            Some("Task"),
        ],
    ),
    tool(
        Some(Todo),
        [
            Some("TodoWrite"),
            Some("todo"),
            Some("todowrite"),
            Some("write_todos"),
            Some("TodoWrite"),
        ],
    ),
    tool(
        Some(Spawn),
        [
            Some("Agent"),
            Some("agent"),
            Some("task"),
            None,
            Some("Task"),
        ],
    ),
    tool(
        Some(Todo),
        [Some("TodoRead"), Some("todo"), Some("todoread"), None, None],
    ),
    tool(
        Some(Read),
        [Some("NotebookRead"), Some("read"), Some("read"), None, None],
    ),
    tool(Some(Read), [Some("LSP"), None, Some("lsp"), None, None]),
    tool(Some(Shell), [Some("BashOutput"), None, None, None, None]),
    tool(Some(Shell), [Some("KillBash"), None, None, None, None]),
    tool(Some(Shell), [Some("KillShell"), None, None, None, None]),
    tool(
        Some(Mcp),
        [Some("ListMcpResourcesTool"), None, None, None, None],
    ),
    tool(
        Some(Mcp),
        [Some("ReadMcpResourceTool"), None, None, None, None],
    ),
    tool(
        None,
        [Some("AskUserQuestion"), None, Some("question"), None, None],
    ),
    tool(None, [Some("EnterPlanMode"), None, None, None, None]),
    tool(None, [Some("ExitPlanMode"), None, None, None, None]),
    tool(None, [Some("SlashCommand"), None, None, None, None]),
    tool(
        None,
        [
            Some("Skill"),
            None,
            Some("skill"),
            Some("activate_skill"),
            None,
        ],
    ),
    // Tools of one harness that no Claude Code tool matches.
    tool(
        Some(Read),
        [None, None, None, Some("read_many_files"), None],
    ),
    tool(
        Some(Search),
        [None, None, None, Some("search_file_content"), None],
    ),
    tool(None, [None, None, None, Some("save_memory"), None]),
    tool(
        Some(Edit),
        [None, None, Some("patch"), None, Some("ApplyPatch")],
    ),
    tool(Some(Edit), [None, Some("editFiles"), None, None, None]),
    tool(Some(Edit), [None, Some("createFile"), None, None, None]),
    tool(Some(Edit), [None, Some("new"), None, None, None]),
    tool(Some(Shell), [None, Some("runCommands"), None, None, None]),
    tool(Some(Shell), [None, Some("runInTerminal"), None, None, None]),
    tool(Some(Shell), [None, Some("runTasks"), None, None, None]),
    tool(Some(Shell), [None, Some("runTests"), None, None, None]),
    tool(Some(Search), [None, Some("codebase"), None, None, None]),
    tool(Some(Search), [None, Some("usages"), None, None, None]),
    tool(
        Some(Search),
        [None, Some("findTestFiles"), None, None, None],
    ),
    tool(
        Some(Search),
        [None, Some("searchResults"), None, None, None],
    ),
    tool(Some(Read), [None, Some("problems"), None, None, None]),
    tool(Some(Read), [None, Some("changes"), None, None, None]),
    tool(Some(Read), [None, Some("testFailure"), None, None, None]),
    tool(
        Some(Read),
        [None, Some("terminalLastCommand"), None, None, None],
    ),
    tool(
        Some(Read),
        [None, Some("terminalSelection"), None, None, None],
    ),
    tool(Some(Read), [None, Some("selection"), None, None, None]),
    tool(Some(Web), [None, Some("fetch"), None, None, None]),
    tool(Some(Web), [None, Some("githubRepo"), None, None, None]),
    tool(
        Some(Web),
        [None, Some("openSimpleBrowser"), None, None, None],
    ),
    tool(Some(Todo), [None, Some("todos"), None, None, None]),
    tool(
        Some(Shell),
        [None, Some("terminalCommand"), None, None, None],
    ),
    tool(Some(Shell), [None, Some("runNotebooks"), None, None, None]),
    tool(Some(Read), [None, Some("readCellOutput"), None, None, None]),
    tool(
        Some(Read),
        [None, Some("activePullRequest"), None, None, None],
    ),
    tool(Some(Spawn), [None, Some("runSubagent"), None, None, None]),
    tool(
        Some(Spawn),
        [None, Some("copilotCodingAgent"), None, None, None],
    ),
    tool(None, [None, Some("vscode"), None, None, None]),
    tool(None, [None, Some("vscodeAPI"), None, None, None]),
    tool(None, [None, Some("extensions"), None, None, None]),
    tool(None, [None, Some("think"), None, None, None]),
];

impl ToolNames {
    /// The tool's name in a harness; `None` where the harness has no such tool or no tool list.
    pub fn name_in(&self, harness: Harness) -> Option<&'static str> {
        match harness {
            Harness::ClaudeCode => self.claude_code,
            Harness::Copilot => self.copilot,
            Harness::OpenCode => self.opencode,
            Harness::GeminiCli => self.gemini_cli,
            Harness::Factory => self.factory,
            Harness::Codex | Harness::Cursor => None,
        }
    }
}

/// The first row that names `tool` in `harness` (names compared as the harness compares them:
/// Copilot's and OpenCode's are case-insensitive, the others exact).
pub fn find(harness: Harness, tool: &str) -> Option<&'static ToolNames> {
    let case_insensitive = matches!(harness, Harness::Copilot | Harness::OpenCode);
    TOOLS.iter().find(|row| {
        row.name_in(harness).is_some_and(|name| {
            if case_insensitive {
                name.eq_ignore_ascii_case(tool)
            } else {
                name == tool
            }
        })
    })
}

/// Whether a harness takes a list of tool names in its agent files.
pub fn has_tool_list(harness: Harness) -> bool {
    !matches!(harness, Harness::Codex | Harness::Cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_harness_names_one_tool_twice_with_different_capabilities() {
        for harness in Harness::ALL {
            for row in TOOLS {
                let Some(name) = row.name_in(harness) else {
                    continue;
                };
                let first = find(harness, name).expect("a name finds its row");
                assert_eq!(first.capability, row.capability, "{harness:?} {name}");
            }
        }
    }

    #[test]
    fn names_are_found_in_their_own_harness_only() {
        let bash = find(Harness::Copilot, "Execute").expect("Copilot names are case-insensitive");
        assert_eq!(bash.claude_code, Some("Bash"));
        assert_eq!(bash.name_in(Harness::GeminiCli), Some("run_shell_command"));
        assert!(find(Harness::GeminiCli, "Read").is_none());
        assert!(find(Harness::Codex, "read").is_none());
        assert!(!has_tool_list(Harness::Cursor));
    }
}
