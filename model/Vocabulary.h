// The words of the report, each defined once: verdicts, kinds, reason
// codes, behaviour changes, the resolution of a hand-off to another unit
// and the bridge of a sockptr_t call. Every table gives a word's name in the
// report and its meaning; everything that shows one goes through it: the
// JSON report, the text report, `explain`, --accept, and the tables of
// docs/report.md and the enums of docs/report.schema.json, which
// test/tools/vocabulary.test holds to it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace sockopt {

/// What `scan` decides about an implementation.
enum class Verdict { Convertible, Manual, AlreadyConverted };

/// Where an implementation is registered, which decides what converts it.
enum class Kind { ProtoOps, Proto, Other, Sockptr, Inner };

/// Why an implementation needs a person. Found by the analysis, or by the
/// rewrite when it cannot make an edit safely (Term::from_rewrite).
enum class ReasonCode {
  OptlenIgnored,
  OptlenNotBufferSize,
  OutOfOrderWrite,
  ComputedOffsetWrite,
  OutOfOrderRead,
  ComputedOffsetRead,
  OptvalReread,
  PassedToExternalFunction,
  CrossFileHelper,
  IndirectCall,
  ConfigStub,
  StructReadTailCheck,
  SockptrNullTest,
  SockptrRawMember,
  SharedHelper,
  StoredUserPointer,
  PinnedUserPages,
  WiderThanCheckedLength,
  ForwardedToLegacyGetsockopt,
  SockptrBridge,
  PreprocessorHidden,
  AccessInMacroBody,
  DefinitionNotScanned,
  UnrecognizedUse,
  // Found by the rewrite.
  NotSequential,
  UnsupportedContext,
  UnsupportedAccess,
  EditInMacro,
  ConflictingEdits,
  NameCollision,
  NoIncludeBlock,
  RegisteredElsewhere,
};

/// A difference userspace would see after a conversion; `rewrite` makes
/// it only when --accept names it.
enum class ChangeCode { ShortBufferEfault, NarrowedStore };

/// What became of a hand-off of optval/optlen to a function without a body
/// in the unit. Pending until the whole-tree analysis resolves it; never
/// pending in a report.
enum class Resolution { Pending, Followed, Undefined, ConfigStub, HeaderInline, TooDeep };

/// How a caller of a sockptr_t implementation made its optval.
enum class Bridge { User, Kernel, Sockptr, Other };

/// One word of a vocabulary.
template <typename E> struct Term {
  E value;
  std::string_view name;    // in the report, kebab-case (snake_case for kinds)
  std::string_view meaning; // one paragraph of Markdown, as docs/report.md shows it
    /// Reason codes only: found by the rewrite, not by the analysis.
  bool from_rewrite = false;
};

/// Every word of `E`'s vocabulary, in the order of its enumerators.
template <typename E> std::span<const Term<E>> vocabulary();

template <> std::span<const Term<Verdict>> vocabulary<Verdict>();
template <> std::span<const Term<Kind>> vocabulary<Kind>();
template <> std::span<const Term<ReasonCode>> vocabulary<ReasonCode>();
template <> std::span<const Term<ChangeCode>> vocabulary<ChangeCode>();
template <> std::span<const Term<Resolution>> vocabulary<Resolution>();
template <> std::span<const Term<Bridge>> vocabulary<Bridge>();

template <typename E> const Term<E> &termOf(E value) {
  return vocabulary<E>()[static_cast<size_t>(value)];
}

/// The name of `value` in the report.
template <typename E> std::string_view nameOf(E value) { return termOf(value).name; }

template <typename E> std::string nameString(E value) { return std::string(nameOf(value)); }

/// The word named `name`, if `E`'s vocabulary has it.
template <typename E> std::optional<E> named(std::string_view name) {
  for (const Term<E> &t : vocabulary<E>())
    if (t.name == name)
      return t.value;
  return std::nullopt;
}

/// Every name of `E`'s vocabulary, in the order of its enumerators (the
/// empty name of a value the report never shows left out).
template <typename E> std::vector<std::string> namesOf() {
  std::vector<std::string> names;
  for (const Term<E> &t : vocabulary<E>())
    if (!t.name.empty())
      names.emplace_back(t.name);
  return names;
}

// JSON as the report spells them. A name the vocabulary lacks (a result
// written by another build) is an error, never a default.
void to_json(nlohmann::json &j, Verdict v);
void from_json(const nlohmann::json &j, Verdict &v);
void to_json(nlohmann::json &j, Kind v);
void from_json(const nlohmann::json &j, Kind &v);
void to_json(nlohmann::json &j, ReasonCode v);
void from_json(const nlohmann::json &j, ReasonCode &v);
void to_json(nlohmann::json &j, ChangeCode v);
void from_json(const nlohmann::json &j, ChangeCode &v);
void to_json(nlohmann::json &j, Resolution v);
void from_json(const nlohmann::json &j, Resolution &v);
void to_json(nlohmann::json &j, Bridge v);
void from_json(const nlohmann::json &j, Bridge &v);

} // namespace sockopt
