// A file system that records what a parse reads: each file it opens, with a
// digest of the bytes the parser got, and each path it looks up without
// finding it (a header created there later would change what an #include
// finds). The result cache keys a unit's analysis on exactly these.
#pragma once

#include "model/Report.h"

#include "llvm/Support/VirtualFileSystem.h"

namespace sockopt {

/// The real file system, recording into `inputs`, which must outlive it.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> recordingFileSystem(UnitInputs &inputs);

/// The digest UnitInputs keeps for a file's content.
std::string contentDigest(llvm::StringRef bytes);

} // namespace sockopt
