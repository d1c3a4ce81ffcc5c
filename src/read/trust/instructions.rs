//! Prose that works against the person using the agent: `prompt-injection` (overriding the
//! user's, the system's or safety instructions), `deception` (hiding actions or changes from
//! the user) and `overbroad-trigger` (a description that claims every task, so that Claude
//! delegates everything to this agent).

use super::{Pattern, Rule, Scope, Severity, keep};

pub(super) const PATTERNS: &[Pattern] = &[
    Pattern {
        rule: Rule {
            id: "prompt-injection/ignore-instructions",
            severity: Severity::High,
            why: "telling the model to ignore or replace the instructions it was given is how injected text takes over: the user's, the system's and the harness's rules stop applying",
            fix: "delete the sentence; an agent adds its own instructions, it never cancels the others",
        },
        regex: r"(?i)\b(?:ignore|disregard|forget|override|overrule|bypass|discard|abandon)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|preceding|above|earlier|original|initial|existing|other|system|user'?s?|developer'?s?|safety|security)\s+(?:instructions?|prompts?|rules|directions|directives|guidelines|guardrails|messages|context|constraints|polic(?:y|ies))\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "prompt-injection/new-identity",
            severity: Severity::High,
            why: "declaring that earlier rules no longer apply, or that the model is now unrestricted, is a jailbreak: it asks the model to drop its safety behaviour",
            fix: "delete the sentence; describe the agent's task instead",
        },
        regex: r"(?i)\b(?:you\s+are\s+no\s+longer\s+(?:bound|restricted|limited|an?\s+AI|Claude)|you\s+(?:have|now\s+have)\s+no\s+(?:restrictions|limits|rules|guidelines|filters)|(?:enter|enable|activate)\s+(?:developer|god|jailbreak|DAN|unrestricted)\s+mode|do\s+anything\s+now|your\s+(?:new|real|true)\s+(?:instructions|rules|purpose)\s+(?:are|is)|(?:without|free\s+of)\s+(?:any\s+)?(?:ethical|safety|moral)\s+(?:restrictions|limits|guidelines|constraints))\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "prompt-injection/fake-system-message",
            severity: Severity::Medium,
            why: "chat-template tokens and fake system or administrator headers try to pass text off as coming from the system rather than from the file",
            fix: "delete the token or header; the file's text is the agent's prompt as it is",
        },
        regex: r"(?im)<\|(?:im_start|im_end|system|endoftext|start_header_id)\|>|\[/?INST\]|<<SYS>>|^\s*(?:\*\*|#+\s*)?(?-i:SYSTEM|ADMIN|ADMINISTRATOR|DEVELOPER)\s+(?-i:OVERRIDE|MESSAGE|NOTICE|INSTRUCTION)S?\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "deception/hide-from-user",
            severity: Severity::High,
            why: "an agent told to keep what it does from the user takes away the user's chance to see and stop it",
            fix: "delete the instruction; report every action and change to the user",
        },
        regex: r"(?i)\b(?:(?:do\s+not|don'?t|never|must\s+not)\s+(?:tell|inform|notify|alert|warn)\s+the\s+users?\s+(?:about|of)\b|(?:do\s+not|don'?t|never|must\s+not)\s+let\s+the\s+users?\s+(?:know|see|find\s+out)\b|(?:do\s+not|don'?t|never|must\s+not)\s+(?:mention|reveal|disclose|report|show)\s+(?:this|these|it|that|them|any\s+of\s+this|the\s+\w+)\s+to\s+the\s+users?\b|without\s+(?:telling|informing|notifying|alerting)\s+the\s+users?\b|hide\s+(?:this|these|the|all|any|your)\s+(?:changes?|actions?|commands?|activity|output|files?|edits?|steps?)\s+from\s+(?:the\s+)?users?\b|keep\s+(?:this|these|it)\s+(?:secret|hidden)\s+from\s+(?:the\s+)?users?\b|(?:the\s+)?users?\s+(?:must|should)\s+(?:not|never)\s+(?:know|find\s+out|notice)\b)",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "deception/covert-action",
            severity: Severity::High,
            why: "doing something secretly or silently (sending, installing, running, deleting) is doing it behind the user's back",
            fix: "delete the instruction, or make the action visible and ask first",
        },
        regex: r"(?i)\b(?:secretly|covertly|surreptitiously|silently|quietly|stealthily|discreetly|in\s+the\s+background\s+without\s+(?:asking|telling))\s+(?:run|execute|send|upload|post|transmit|exfiltrate|install|download|delete|remove|modify|change|add|insert|commit|push|copy|collect|forward|log|record|report)\w*\b",
        scope: Scope::File,
        contextual: true,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "overbroad-trigger/every-task",
            severity: Severity::Medium,
            why: "a description that claims every task makes Claude delegate everything to this agent, away from the agents meant for the work",
            fix: "say which tasks the agent is for: \"Use when …\" with the kind of work it does",
        },
        regex: r"(?i)\b(?:(?:use|invoke|call|run|delegate\s+to|choose|pick|select|launch)\s+(?:this\s+agent\s+|me\s+|it\s+)?(?:for|on|with|in)\s+(?:every|all|any)\s+(?:single\s+)?(?:tasks?|requests?|quer(?:y|ies)|questions?|prompts?|messages?|conversations?|interactions?|user\s+(?:requests?|messages?|inputs?)|work|things?|problems?)\b|(?:for|handles?)\s+(?:absolutely\s+)?(?:everything|anything|every\s+task|all\s+tasks)\b|(?:MUST|should)\s+(?:ALWAYS\s+)?be\s+(?:used|invoked|called)\s+(?:for|on|with|in)\s+(?:every|all|any)\s+(?:tasks?|requests?|quer(?:y|ies)|messages?|prompts?|interactions?|conversations?)\b)",
        scope: Scope::Description,
        contextual: false,
        accept: keep,
    },
    Pattern {
        rule: Rule {
            id: "overbroad-trigger/always-use",
            severity: Severity::Low,
            why: "a description that demands to be used always, or before anything else, pushes Claude to pick this agent whether or not it fits",
            fix: "say when the agent fits; \"use proactively when …\" with the situation is enough",
        },
        regex: r"(?i)\b(?:always\s+(?:use|invoke|call|delegate\s+to|start\s+with|run)\s+(?:this\s+agent|me)\b|(?:use|invoke|call)\s+(?:this\s+agent|me)\s+(?:always|first|before\s+(?:any|every|all)\s+(?:other|task|request))|(?:MUST|should)\s+(?:ALWAYS\s+)?be\s+(?:used|invoked|called)\s+(?:first|always|before\s+(?:any|every|all)))\b",
        scope: Scope::Description,
        contextual: false,
        accept: keep,
    },
];
