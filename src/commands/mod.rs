//! The commands around the pipeline, one module each: `check` (lint without building), `init`
//! (a new project, and `new` for one agent file), `marketplace` (a plugin marketplace file for
//! the agents folder), `serve` (build into memory, watch, reload).
//! `build` is the pipeline itself ([`crate::build`]).

pub mod check;
pub mod convert;
pub mod init;
pub mod marketplace;
pub mod serve;
