// The compiler invocation of an analysis parse: what a compile command may
// ask for besides the parse itself is taken out.
#pragma once

namespace clang {
class CompilerInvocation;
}

namespace sockopt {

/// Removes every file a compile command could have the parse write or
/// load: dependency files (-MD/-MF, -dependency-file, -header-include-file,
/// -dependency-dot, -module-dependency-dir), serialized diagnostics and
/// diagnostic logs, statistics and time traces, the implicit module cache,
/// and plugins. Kbuild's flags come from the tree, so a change under review
/// chooses them; the analysis writes nothing but its own outputs.
void withoutSideOutputs(clang::CompilerInvocation &invocation);

} // namespace sockopt
