// Line length of converted conditions. An iterator call is longer than the
// user-copy call it replaces; kernel style keeps lines within 80 columns
// where it can and continues a condition aligned after the innermost open
// parenthesis (checkpatch's PARENTHESIS_ALIGNMENT), as
// net/bluetooth/l2cap_sock.c does:
//   if (copy_to_iter(&opt, sizeof(opt), &sopt->iter_out) !=
//       sizeof(opt))
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace sockopt {

/// The column after `ch` at column `col`: tabs stop every 8 columns, as the
/// kernel's style and checkpatch count them.
unsigned advanceColumn(unsigned col, char ch);
/// The columns `text` (from the start of a line) takes.
unsigned columnsOf(llvm::StringRef text);

/// `call` broken after its last ` != ` when `prefix` + `call` + `suffix`
/// (one line of the converted file) passes 80 columns, or nullopt when it
/// fits or has no such break. The continuation is aligned after the
/// innermost parenthesis open at the break; with none open (a `return` of
/// a comparison: net/atm/common.c vcc_getsockopt()), the line is broken
/// only past checkpatch's 100 columns and aligned with the start of `call`.
std::optional<std::string> wrapAfterComparison(llvm::StringRef prefix, llvm::StringRef call,
                                               llvm::StringRef suffix);

} // namespace sockopt
