// `.getsockopt = f` becomes `.getsockopt_iter = f` (and `ops.getsockopt =
// f` likewise): struct proto_ops has both members (include/linux/net.h) and
// the core prefers getsockopt_iter (net/socket.c, do_sock_getsockopt()).
// Where tabs align the `=` (or the value) of the initializer with its
// neighbours, the new name keeps that column when it fits before it, and is
// followed by one space when it does not (as net/bluetooth/l2cap_sock.c's
// `.getsockopt_iter = l2cap_sock_getsockopt`).
#include "rewrites/LineWrap.h"
#include "rewrites/Rules.h"

namespace sockopt {

using namespace clang;

namespace {

/// Tabs from column `from` to column `to`, or one space when tabs do not
/// land there.
std::string spaceTo(unsigned from, unsigned to) {
  std::string tabs;
  unsigned c = from;
  for (; c < to; c = advanceColumn(c, '\t'))
    tabs += '\t';
  return !tabs.empty() && c == to ? tabs : " ";
}

/// The text from the new name up to the value: `getsockopt_iter<tabs>= `,
/// or "" to keep the author's when nothing is aligned. Tabs or spaces align
/// either the `=` (`.getsockopt\t= f`) or the value (`.getsockopt =\tf`).
std::string alignedUpToValue(EditBuilder &b, SourceLocation field, StringRef name,
                             unsigned &length) {
  const SourceManager &sm = b.sources();
  SourceLocation loc = sm.getExpansionLoc(field);
  StringRef buffer = sm.getBufferData(sm.getFileID(loc));
  unsigned offset = sm.getFileOffset(loc);
  unsigned line_start = buffer.rfind('\n', offset) + 1;
  unsigned col = 0;
  for (char ch : buffer.slice(line_start, offset))
    col = advanceColumn(col, ch);
  auto blanks = [&](unsigned &at, unsigned &column) {
    unsigned start = at;
    while (at < buffer.size() && (buffer[at] == ' ' || buffer[at] == '\t'))
      column = advanceColumn(column, buffer[at++]);
    return buffer.slice(start, at);
  };
  unsigned at = offset + StringRef("getsockopt").size();
  unsigned eq_col = col + StringRef("getsockopt").size();
  StringRef before_eq = blanks(at, eq_col);
  if (at >= buffer.size() || buffer[at] != '=')
    return "";
  unsigned value_col = eq_col + 1;
  ++at;
  StringRef after_eq = blanks(at, value_col);
  length = at - offset;
  unsigned name_end = col + name.size();
  if (before_eq.contains('\t'))
    return (name + spaceTo(name_end, eq_col) + "=" + after_eq).str();
  if (before_eq.size() > 1) // aligned with spaces (net/can/raw.c)
    return (name + std::string(name_end < eq_col ? eq_col - name_end : 1, ' ') + "=" + after_eq)
        .str();
  if (after_eq.contains('\t'))
    return (name + before_eq + "=" + spaceTo(name_end + before_eq.size() + 1, value_col)).str();
  return "";
}

} // namespace

void rewriteRegistration(EditBuilder &b, const FoundRegistration &registration) {
  const Registration &r = registration.registration;
  if (r.struct_type != "proto_ops" || r.field != "getsockopt" ||
      registration.field_loc.isInvalid()) {
    b.block(ReasonCode::RegisteredElsewhere,
            "also registered in struct " + r.struct_type + " '" + r.variable +
                "', which has no getsockopt_iter",
            registration.field_loc.isValid() ? registration.field_loc
                                             : registration.function->getLocation());
    return;
  }
  unsigned length = 0;
  std::string text = alignedUpToValue(b, registration.field_loc, "getsockopt_iter", length);
  if (text.empty()) {
    b.replaceTokens(registration.field_loc, "getsockopt_iter");
    return;
  }
  SourceLocation begin = b.sources().getExpansionLoc(registration.field_loc);
  b.replaceChars(CharSourceRange::getCharRange(begin, begin.getLocWithOffset(length)), text);
}

} // namespace sockopt
