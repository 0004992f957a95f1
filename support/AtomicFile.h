// Writing files so that a reader sees the old content or the new, never a
// mix: a temporary file beside the target, then a rename.
#pragma once

#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace sockopt {

/// Fails, with the reason, when `path` cannot be written: its directory is
/// missing or not writable, or `path` is a directory. Checked before long
/// work starts.
llvm::Error checkWritable(const std::string &path);

/// Fails when the directory `dir`, which does not exist yet, cannot be
/// created: its nearest existing ancestor is not a writable directory.
llvm::Error checkCanCreate(const std::string &dir);

/// Replaces `path` with `text`; on failure nothing is left behind.
llvm::Error writeAtomically(const std::string &path, llvm::StringRef text);

/// Replaces every file of `files` (path → new content) or none. Each new
/// content is staged first in a temporary file beside its target (through
/// a symbolic link: beside the file it points to), with the target's mode
/// and owner; only when every one is staged are they renamed into place.
/// A read-only or non-regular target is refused. The error names every file
/// that could not be staged. Temporary files are removed on failure and on
/// SIGINT, SIGTERM or SIGHUP.
llvm::Error writeAllOrNothing(const std::map<std::string, std::string> &files);

/// Writes `bytes` to `path`.tmp, then renames it to `path`: for the files a
/// run hands from a worker to the parent, whose names (".tmp" included)
/// the run chose and registered for removal on a signal beforehand. Unlike
/// writeAtomically(), no mode or owner is carried over and nothing is
/// synced to disk. The error when the file could not be written or
/// renamed; `path`.tmp may then be left for the run's cleanup.
std::error_code writeThroughTemporary(const std::string &path, llvm::StringRef bytes);

} // namespace sockopt
