use crate::corpus::{Content, SourceFile};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// A `.txt` file in a scenario that could not be read: no permission, not a regular
    /// file (a FIFO or device, which pairlint never opens, so it cannot hang), larger than
    /// the size cap, a symlink that leads out of the corpus or cannot be resolved.
    ///
    /// ## Why it matters
    /// A training pipeline that meets the same file will fail or, worse, skip it and train
    /// on an incomplete scenario. The rest of the corpus is still checked.
    ///
    /// ## Example
    /// `furious.txt -> /home/me/drafts/furious.txt` (a symlink out of the corpus): copy the
    /// file in instead.
    ///
    /// ## Options
    /// `[files] max-bytes` in pairlint.toml (default 8 MiB).
    pub static META = {
        name: "unreadable-file",
        scope: File,
        severity: Error,
        fixable: false,
        summary: "file could not be read",
    }
}

pub struct UnreadableFile;

impl Rule for UnreadableFile {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &META
    }

    fn check_file(&self, _cx: &Context, file: &SourceFile, out: &mut Vec<Diagnostic>) {
        if let Content::Unreadable(why) = &file.content {
            out.push(META.report(
                Location::whole(file.path.clone()),
                format!("cannot read file: {why}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Entry, assemble};
    use crate::language::taxonomy::Taxonomy;
    use crate::rules::testing::{check, scenario};
    use std::path::{Path, PathBuf};

    #[test]
    fn fires_on_a_file_that_could_not_be_read() {
        let s = assemble(
            Path::new("s"),
            vec![Entry::File(
                "calm.txt".into(),
                PathBuf::from("s/calm.txt"),
                Err("permission denied".into()),
            )],
            None,
            &Taxonomy::bundled(),
        );
        let d = check(&UnreadableFile, &s);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "cannot read file: permission denied");
        assert!(d[0].location.range.is_none());
    }

    #[test]
    fn silent_on_readable_files() {
        let s = scenario(&[("baseline.txt", "Fine.\n"), ("calm.txt", "")]);
        assert!(check(&UnreadableFile, &s).is_empty());
    }
}
