#include "output/PatchSeries.h"

#include "output/SubjectPrefix.h"
#include "support/AtomicFile.h"
#include "support/Version.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace sockopt {

namespace {

std::string dateLine() {
  std::time_t now = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S +0000", std::gmtime(&now));
  return buf;
}

/// "af_packet: convert to getsockopt_iter" → "af_packet-convert-to-getsockopt_iter".
std::string slug(const std::string &subject) {
  std::string out;
  for (char c : subject) {
    if (llvm::isAlnum(c) || c == '_')
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out.substr(0, 52);
}

std::string header(const SeriesInfo &info, unsigned n, unsigned total, const std::string &subject) {
  return llvm::formatv("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
                       "From: {0}\nDate: {1}\nSubject: [PATCH net-next {2}/{3}] {4}\n\n",
                       info.identity, dateLine(), n, total, subject)
      .str();
}

std::string footer() {
  return std::string("-- \nsockopt-migrate ") + SOCKOPT_MIGRATE_VERSION + "\n\n";
}

/// `line` broken at spaces into lines of at most 75 columns (what
/// checkpatch wants of a commit body), later lines indented by `hang`.
std::string wrap(const std::string &line, const std::string &hang) {
  size_t indent = std::min(line.find_first_not_of(' '), line.size());
  std::string out, current = line.substr(0, indent);
  bool first = true;
  std::istringstream words(line.substr(indent));
  for (std::string word; words >> word; first = false) {
    if (!first && current.size() + 1 + word.size() > 75) {
      out += current + "\n";
      current = hang + word;
    } else {
      current += (first ? "" : " ") + word;
    }
  }
  return out + current + "\n";
}

bool allOfLayer(const ProtocolPatch &patch, RewriteLayer layer) {
  return std::all_of(patch.units.begin(), patch.units.end(),
                     [&](const RewriteUnit *u) { return u->layer == layer; });
}

/// A patch below struct proto: inner helpers, and the wrappers of other
/// files' hooks that call them.
bool isInnerPatch(const ProtocolPatch &patch) {
  return std::all_of(patch.units.begin(), patch.units.end(), [](const RewriteUnit *u) {
    return u->layer == RewriteLayer::InnerHelper || u->layer == RewriteLayer::HookWrapper;
  });
}

/// The inner helpers of `patch` and the struct proto hooks wrapping them,
/// each once, as "name()".
std::vector<std::string> helpersOf(const ProtocolPatch &patch) {
  std::vector<std::string> names;
  for (const RewriteUnit *unit : patch.units)
    if (unit->layer == RewriteLayer::InnerHelper)
      names.push_back(unit->function + "()");
  return names;
}
std::vector<std::string> hooksOf(const ProtocolPatch &patch) {
  std::vector<std::string> names;
  for (const RewriteUnit *unit : patch.units)
    if (!llvm::is_contained(names, unit->hook + "()"))
      names.push_back(unit->hook + "()");
  return names;
}

/// "a", "a and b", "a, b and c".
std::string listed(const std::vector<std::string> &names) {
  return names.size() == 1
             ? names.front()
             : llvm::join(llvm::ArrayRef(names).drop_back(), ", ") + " and " + names.back();
}

/// "net: add sockopt_init_user()", "ipv4: raw: convert do_raw_getsockopt()
/// to sockopt_t" or "af_packet: convert to getsockopt_iter".
std::string subjectOf(const ProtocolPatch &patch) {
  if (allOfLayer(patch, RewriteLayer::CoreHelper))
    return "net: add sockopt_init_user()";
  std::string prefix = subjectPrefix(patch.relative_path);
  if (!isInnerPatch(patch))
    return prefix + " convert to getsockopt_iter";
  std::vector<std::string> helpers = helpersOf(patch);
  std::string one = prefix + " convert " + helpers.front() + " to sockopt_t";
  return helpers.size() == 1 && one.size() <= 75
             ? one
             : prefix + " convert getsockopt helpers to sockopt_t";
}

/// Why the core helper comes first, for the patch that adds it.
std::string coreBody(const SeriesInfo &info) {
  return wrap(std::string(info.proto_has_getsockopt_iter
                              ? "A struct proto getsockopt not moved to getsockopt_iter "
                              : "struct proto has no getsockopt_iter: a protocol's struct "
                                "proto getsockopt ") +
                  "receives __user optval/optlen pointers. Add sockopt_init_user(), which sets "
              "up a sockopt_t over them, so that such a getsockopt can hand its options to "
              "an inner helper that takes a sockopt_t, the form kernel callers (io_uring, "
              "BPF) can reach with kernel buffers.",
              "") +
         "\n" +
         wrap("It reads optlen as do_sock_getsockopt() does before a getsockopt_iter: "
              "-EFAULT if it cannot be read, -EINVAL if it is negative. Both iterators "
              "cover the first optlen bytes of optval. The following patches use it.",
              "");
}

/// What the conversion of the patch's implementations, or inner helpers,
/// means, before the list of what changed.
std::string introduction(const ProtocolPatch &patch, const SeriesInfo &info) {
  if (!isInnerPatch(patch))
    return "Convert the getsockopt implementation to getsockopt_iter, so that kernel\n"
           "callers (io_uring, BPF) can read these options into kernel buffers.\n"
           "optval/optlen become a sockopt_t: the value goes out through\n"
           "opt->iter_out, input is read through opt->iter_in, and the length is\n"
           "opt->optlen, which the core copies back to the caller also on error.\n\n";
  std::vector<std::string> hooks = hooksOf(patch);
  bool one = hooks.size() == 1;
  return wrap("Convert " + listed(helpersOf(patch)) + " to take a sockopt_t instead of " +
                  "optval/optlen: the value goes out through opt->iter_out, input is read " +
                  "through opt->iter_in, and the length is opt->optlen. " +
                  (info.proto_has_getsockopt_iter
                       ? "This series does not move struct proto getsockopt to getsockopt_iter, so "
                       : "struct proto has no getsockopt_iter, so ") +
                  listed(hooks) + (one ? " keeps its" : " keep their") +
                  " __user arguments: around each call " + (one ? "it sets" : "they set") +
                  " the sockopt_t up with sockopt_init_user() and " + (one ? "copies" : "copy") +
                  " opt.optlen back to optlen, also on error, " +
                  "as do_sock_getsockopt() does for getsockopt_iter.",
              "") +
         "\n";
}

/// The last paragraph before the behaviour changes: what stays, and what
/// the core (or the wrapper) now does first.
std::string orderNote(const ProtocolPatch &patch) {
  if (!isInnerPatch(patch))
    return "\nThe order of the optlen store and the data copy is unchanged. A\n"
           "negative optlen is now rejected by do_sock_getsockopt() before the\n"
           "protocol runs.\n";
  bool one = helpersOf(patch).size() == 1;
  return "\n" + wrap("The order of the optlen store and the data copy is unchanged. optlen "
                     "is now read, and a negative one rejected with -EINVAL, before " +
                         listed(helpersOf(patch)) + " run" + (one ? "s" : "") +
                         ", also for an option " + (one ? "it does" : "they do") +
                         " not know.",
                     "");
}

/// The patch's behaviour changes of one kind under `heading`, or "".
std::string changes(const ProtocolPatch &patch, ChangeCode code, const std::string &heading) {
  std::string text;
  for (const RewriteUnit *unit : patch.units)
    for (const BehaviourChange &c : unit->behaviour_changes)
      if (c.code == code)
        text += wrap(llvm::formatv("  {0}(): {1} (line {2}): before: {3}; now: {4}", c.function,
                                   c.optionLabel(), c.where.line, c.old_result,
                                   c.new_result),
                     "    ");
  return text.empty() ? text : heading + text;
}

std::string body(const ProtocolPatch &patch, const SeriesInfo &info) {
  if (allOfLayer(patch, RewriteLayer::CoreHelper))
    return coreBody(info) + "\nSigned-off-by: " + info.identity + "\n---\n";
  std::string text = introduction(patch, info);
  for (const RewriteUnit *unit : patch.units)
    for (const std::string &note : unit->notes)
      text += wrap("  " + note, "      ");
  text += orderNote(patch);
  text += changes(patch, ChangeCode::NarrowedStore,
                  "\nFix, please review: where optlen must be exactly the size of the\n"
                  "option, a wider value used to be written past the caller's buffer on\n"
                  "every call; it is now written at that size:\n");
  text += changes(patch, ChangeCode::ShortBufferEfault,
                  "\nUser-visible change, please review: a caller with a buffer shorter\n"
                  "than the value used to get the full value written past its buffer;\n"
                  "copy_to_iter() stops at optlen, so it now gets -EFAULT:\n");
  return text + "\nSigned-off-by: " + info.identity + "\n---\n";
}

} // namespace

llvm::Error checkSeriesDirectory(const std::string &dir) {
  if (llvm::sys::fs::exists(dir) && !llvm::sys::fs::is_directory(dir))
    return llvm::createStringError(dir + ": not a directory");
  if (!llvm::sys::fs::exists(dir))
    return checkCanCreate(dir);
  if (llvm::sys::fs::access(dir, llvm::sys::fs::AccessMode::Write))
    return llvm::createStringError(dir + ": not writable");
  std::error_code ec;
  std::vector<std::string> earlier;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".patch")
      earlier.push_back(llvm::sys::path::filename(it->path()).str());
  if (ec)
    return llvm::createStringError(dir + ": " + ec.message());
  if (!earlier.empty()) {
    std::sort(earlier.begin(), earlier.end());
    return llvm::createStringError(dir + " already holds a patch series (" + earlier.front() +
                                   (earlier.size() > 1 ? ", ..." : "") +
                                   "); remove it or choose another directory, so that the "
                                   "series is never mixed with an earlier one");
  }
  return llvm::Error::success();
}

llvm::Error writePatchSeries(const std::string &dir, const std::vector<ProtocolPatch> &patches,
                             const SeriesInfo &info) {
  if (llvm::Error e = checkSeriesDirectory(dir))
    return e;
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return llvm::createStringError(dir + ": " + ec.message());
  unsigned total = patches.size();
  unsigned implementations = 0; // a shared helper converts with its callers
  unsigned inner = 0;
  for (const ProtocolPatch &patch : patches)
    for (const RewriteUnit *unit : patch.units) {
      implementations += !unit->shared_helper && unit->layer == RewriteLayer::ProtoOps;
      inner += unit->layer == RewriteLayer::InnerHelper;
    }

  std::string cover =
      header(info, 0, total, "convert getsockopt implementations to getsockopt_iter");
  cover += llvm::formatv("Convert {0} getsockopt implementation{1} to getsockopt_iter, one\n"
                         "patch per protocol, generated by sockopt-migrate {2}.\n",
                         implementations, implementations == 1 ? "" : "s",
                         SOCKOPT_MIGRATE_VERSION)
               .str();
  if (inner)
    cover += wrap(llvm::formatv("Below struct proto, {0}, convert {1} inner helper{2} of a "
                                "struct proto getsockopt to sockopt_t, behind "
                                "sockopt_init_user().",
                                info.proto_has_getsockopt_iter
                                    ? "whose getsockopt this series leaves on __user pointers"
                                    : "which has no getsockopt_iter",
                                inner, inner == 1 ? "" : "s")
                      .str(),
                  "");
  cover += "\n";
  for (unsigned i = 0; i < total; ++i)
    cover += llvm::formatv("  {0}/{1} {2}\n", i + 1, total, subjectOf(patches[i])).str();
  if (!info.accepted.empty())
    cover += "\n" + wrap("Accepted user-visible changes (listed in each patch): " +
                             llvm::join(info.accepted, ", "),
                         "  ");
  if (!info.left.empty()) {
    cover += "\nLeft for manual work:\n";
    for (const std::string &line : info.left)
      cover += wrap("  " + line, "    ");
  }
  if (!info.manual.empty()) {
    cover += "\nNeeding a person (see the scan report for each reason's location):\n";
    for (const std::string &line : info.manual)
      cover += wrap("  " + line, "    ");
  }
  cover += "\nSigned-off-by: " + info.identity + "\n\n" + footer();

  auto path = [&](unsigned n, const std::string &subject) {
    llvm::SmallString<256> p(dir);
    char number[16];
    std::snprintf(number, sizeof(number), "%04u", n);
    llvm::sys::path::append(p, std::string(number) + "-" + slug(subject) + ".patch");
    return std::string(p);
  };
  std::map<std::string, std::string> files = {{path(0, "cover-letter"), cover}};
  for (unsigned i = 0; i < total; ++i) {
    std::string subject = subjectOf(patches[i]);
    files[path(i + 1, subject)] = header(info, i + 1, total, subject) + body(patches[i], info) +
                                  "\n" + patches[i].diff + footer();
  }
  return writeAllOrNothing(files);
}

} // namespace sockopt
