//! File-scope rules: each looks at one text on its own (`Rule::check_file`).

pub mod bom;
pub mod control_char;
pub mod crlf;
pub mod emotion_interjection;
pub mod emotion_label;
pub mod empty_file;
pub mod invalid_utf8;
pub mod trailing_whitespace;
pub mod unreadable_file;
