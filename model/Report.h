// The data a scan produces, per translation unit and merged, and its JSON
// form. Paths inside a TranslationUnitResult are absolute; the merger makes
// them relative to the tree root.
#pragma once

#include "model/Vocabulary.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sockopt {

struct SourcePoint {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
};

/// Whether `a` and `b` are the same file, line and column.
inline bool samePoint(const SourcePoint &a, const SourcePoint &b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}

/// The key of the function `function` defined in `file`: "FILE|FUNCTION".
inline std::string functionKey(const std::string &file, const std::string &function) {
  return file + "|" + function;
}

/// Why an implementation needs a person.
struct Reason {
  ReasonCode code = ReasonCode::UnrecognizedUse;
  std::string message;
  SourcePoint where;
  /// The functions from the implementation to the one holding the access,
  /// the implementation first.
  std::vector<std::string> via;
  /// The optname case labels of the path that reached the access; empty
  /// when no switch on optname decided it (it concerns every option).
  std::vector<std::string> options;
  /// A hand-off (passed-to-external-function, config-stub): the function
  /// it hands optval/optlen to. The analysis' own, not in the report.
  std::string callee;
  /// Why the function of another file this reason is about cannot convert
  /// with this one (engine/CrossFileConversions.h), also appended to the
  /// message; set after the units are merged, never serialized.
  std::string cross_file_cause;
};

/// A difference userspace would see after the conversion (docs/report.md,
/// "Behaviour changes").
struct BehaviourChange {
  ChangeCode code = ChangeCode::ShortBufferEfault;
  std::string function; // the function holding the write (may be a helper)
  std::string option;   // the optname case label(s) on the path, or ""
  unsigned width = 0;   // bytes the legacy code writes; 0 when not constant
  unsigned narrowed_to = 0; // narrowed-store: bytes the converted code writes
  std::string old_result;
  std::string new_result;
  SourcePoint where;
  std::vector<std::string> via; // as in Reason

  /// The option, or "every option" for a write on a path that no optname
  /// case narrows (a function with no switch on optname, such as chtls's
  /// do_chtls_getsockopt() at SOL_TLS), for text and patches.
  std::string optionLabel() const { return option.empty() ? "every option" : option; }
};

/// One place that stores the function into a `.getsockopt`/`.getsockopt_iter`.
struct Registration {
  std::string struct_type; // "proto_ops" or "proto"
  std::string field;       // "getsockopt" or "getsockopt_iter"
  std::string variable;
  SourcePoint where;
};

/// A same-TU function that receives optval/optlen from an implementation.
struct Helper {
  std::string function;
  SourcePoint where;
  std::vector<std::string> parameters; // "role:name", e.g. "optval:buf"
};

/// What the caller knew when it handed optval/optlen to a function: the
/// calling context in which the callee is analysed.
struct CallContext {
  /// Parameter index and role ("optval", "optlen") of each pointer passed.
  std::vector<std::pair<unsigned, std::string>> pointers;
  /// Parameters receiving the length the caller read from optlen.
  std::vector<unsigned> length_values;
  /// Parameter receiving the caller's optname, or -1.
  int optname = -1;
  bool optlen_read = false;
  std::optional<int64_t> checked_bound;
  bool checked_unknown = false;

  /// A stable text form: the key under which a callee is analysed once.
  std::string key() const;
};

/// optval/optlen handed to a function whose body is not in this TU.
struct ExternalCall {
  std::string callee;
  SourcePoint where;
  CallContext context;
  std::vector<std::string> via;     // the caller's chain, caller last
  std::vector<std::string> options; // optname labels of the calling path
  Resolution resolution = Resolution::Pending;
};

/// A function whose parameters carry optval/optlen as sockptr_t (include/
/// linux/sockptr.h): do_tcp_getsockopt(), sk_getsockopt(), ... One call
/// of it, with how the caller made its sockptr_t arguments.
struct SockptrCaller {
  std::string function; // the caller
  SourcePoint where;
  Bridge bridge = Bridge::Other;
};

/// The verdict of one optname case of an implementation's chain.
struct OptionVerdict {
  std::string option;
  Verdict verdict = Verdict::Manual; // convertible or manual
  std::vector<ReasonCode> reasons;
};

struct Implementation {
  std::string function;
  SourcePoint where;
  bool externally_visible = false;
  Kind kind = Kind::Other; // set by settleVerdict() (model/Verdict.h)
  std::vector<Registration> registrations;
  Verdict verdict = Verdict::Manual; // set by settleVerdict() (model/Verdict.h)
  std::vector<Reason> reasons;
  std::vector<BehaviourChange> behaviour_changes;
  std::vector<Helper> helpers;
  std::vector<ExternalCall> external_calls;
  /// kind "sockptr": the calls reaching it, split by how they made optval.
  std::vector<SockptrCaller> callers;
  /// Every optname case label the chain switches on, in source order.
  std::vector<std::string> option_labels;
  /// Per option, when the chain switches on optname (filled by the merger).
  std::vector<OptionVerdict> options;
  /// kind "inner": the struct proto hook that hands it optval/optlen, and
  /// whether it takes a sockopt_t already.
  std::string hook;
  bool on_sockopt = false;
  /// kind "inner", converted with its callers in other files: their hooks,
  /// as "udpv6_getsockopt() in net/ipv6/udp.c" (engine/CrossFileConversions.h;
  /// set after the units are merged, never serialized).
  std::vector<std::string> hooks_elsewhere;
};

/// Adds `r` to `reasons`, one reason per code and location: a reason found
/// again on other paths gains their options, and a path outside every
/// optname case (no options) makes it concern every option.
void addReason(std::vector<Reason> &reasons, Reason r);

/// A registration of a function that has no body in the registering TU.
struct ForeignRegistration {
  std::string function;
  Registration registration;
};

/// A getsockopt registration in code the preprocessor skipped: an #if
/// branch this configuration does not compile (an IPv6 ops table with
/// CONFIG_IPV6 off). Its function is not in the report; this says so.
struct HiddenRegistration {
  std::string function;
  std::string field;     // getsockopt or getsockopt_iter
  SourcePoint where;
  std::string directive; // the #if, #elif or #else line of the skipped branch
};

/// One text replacement of a rewrite, by byte offset in the file as parsed.
struct Edit {
  std::string file;
  unsigned offset = 0;
  unsigned length = 0;
  std::string text;
};

/// A function defined in another unit that a conversion passes `opt` to
/// (the call hands it optval/optlen unchanged, as optval and optlen of the
/// legacy getsockopt signature): it has to be converted in the same patch.
struct CrossFileCallee {
  std::string function;
  std::vector<SourcePoint> declarations; // the declarations the caller's unit sees
};

/// What a rewrite unit converts, which decides its patch's subject and
/// body and where the series puts it.
enum class RewriteLayer {
  /// A struct proto_ops implementation (or a function converted with its
  /// callers): getsockopt becomes getsockopt_iter.
  ProtoOps,
  /// The core helper sockopt_init_user() in include/linux/net.h, for a
  /// tree that lacks it: the first patch of a series that needs it.
  CoreHelper,
  /// The `__user` inner helper of a struct proto hook (net/ipv4/raw.c's
  /// do_raw_getsockopt()): it takes a sockopt_t, and the hook, which keeps
  /// its signature, sets one up around the call.
  InnerHelper,
  /// The wrapper in a struct proto hook of another file around its call of
  /// an exported inner helper (net/ipv6/udp.c's udpv6_getsockopt() calling
  /// udp_lib_getsockopt()): it goes in with that helper's patch or not at
  /// all (engine/CrossFileConversions.h).
  HookWrapper,
};

/// The conversion of one implementation with its helpers: applied whole or
/// not at all. `blocked` says why it cannot be made.
struct RewriteUnit {
  RewriteLayer layer = RewriteLayer::ProtoOps;
  std::string function;
  std::string file;
  /// InnerHelper, HookWrapper: the struct proto hook that wraps the call.
  std::string hook;
  std::vector<Edit> edits;
  std::vector<Reason> blocked;
  std::vector<std::string> notes; // what changed, in plain words, for the patch
  std::vector<BehaviourChange> behaviour_changes;
  std::vector<CrossFileCallee> callees;
  /// A function with the legacy signature that its own unit neither
  /// registers nor calls (net/atm/common.c's vcc_getsockopt()), or an
  /// externally visible inner helper (net/ipv4/udp.c's
  /// udp_lib_getsockopt()): converted only with all its callers in other
  /// files (engine/CrossFileConversions.h).
  bool shared_helper = false;
  std::vector<SourcePoint> declarations; // shared_helper: the declarations its edits convert
  /// The units that go into one patch share this key (the shared helper's
  /// file); empty: the unit's own file.
  std::string patch;
};

/// A reference in a unit's main file to a function with the legacy
/// getsockopt signature that the unit does not define. `implementation` is
/// the registered implementation whose rewrite passes `opt` in that call;
/// empty for any other reference.
struct LegacyReference {
  std::string function;
  SourcePoint where;
  std::string implementation;
};

/// A finding of `check`: one rule, one location, one line of message.
struct CheckFinding {
  std::string rule;
  std::string message;
  std::string function; // the enclosing function: the baseline key with rule and file
  SourcePoint where;
};

struct SockoptTypeInfo {
  std::string file;
  unsigned line = 0;
  std::vector<std::pair<std::string, std::string>> fields; // name, type
  bool proto_ops_has_getsockopt_iter = false;
  /// Without it (6.12), a struct proto getsockopt keeps its __user
  /// pointers and only its inner helpers convert.
  bool proto_has_getsockopt_iter = false;
};

/// What one parse read (runner/RecordingFileSystem.h), the inputs the result
/// cache (runner/ResultCache.h) checks before it reuses a result.
struct UnitInputs {
  /// Absolute path -> digest of the bytes parsed ("": opened, never read).
  std::map<std::string, std::string> files;
  std::set<std::string> missing;            // absolute paths looked up and not found
  bool complete = true;                     // false: a file changed while it was read
};

struct TranslationUnitResult {
  std::string file;
  bool failed = false;
  std::vector<std::string> diagnostics;
  std::vector<Implementation> implementations;
  /// Externally visible functions with a getsockopt signature that nothing
  /// in this TU registers; kept if another TU registers them.
  std::vector<Implementation> candidates;
  std::vector<ForeignRegistration> foreign_registrations;
  std::vector<HiddenRegistration> hidden_registrations;
  std::optional<SockoptTypeInfo> sockopt_type;
  /// Filled by `rewrite`: the units of this TU and a digest of every file
  /// they edit, as it was parsed.
  std::vector<RewriteUnit> rewrites;
  std::map<std::string, std::string> digests;
  /// Filled by `check`: the iterator rules' findings.
  std::vector<CheckFinding> findings;
  /// sockptr_t implementations defined here (kind "sockptr").
  std::vector<Implementation> sockptr_implementations;
  /// Inner helpers of the struct proto hooks defined here (kind "inner").
  std::vector<Implementation> inner_helpers;
  /// Calls of functions taking sockptr_t optval/optlen, by callee name.
  std::vector<std::pair<std::string, SockptrCaller>> sockptr_calls;
  /// Follow mode: the analyses of functions other units handed optval/optlen
  /// to, one per requested (function, context key).
  std::vector<std::pair<std::string, Implementation>> followed;
  std::vector<LegacyReference> legacy_references;
  /// What the parse read, and whether it loaded a shared precompiled
  /// header; carried from the worker to the parent, never part of a cached
  /// result.
  UnitInputs inputs;
  bool precompiled_prefix = false;
};

/// A unit of the run that could not be analysed.
struct UnitError {
  std::string file;
  std::vector<std::string> diagnostics;
};

/// The counts of a merged report, by name in the order of the names.
struct ReportSummary {
  size_t translation_units = 0;
  size_t implementations = 0;
  std::map<std::string, unsigned> by_kind;
  std::map<std::string, unsigned> by_verdict; // every verdict, 0 when none
  std::map<std::string, unsigned> by_reason;  // implementations with a reason of the code
  unsigned behaviour_changes = 0;
  std::map<std::string, unsigned> by_behaviour_change;
  size_t followed_functions = 0; // analysed in other units
  unsigned followed_parses = 0;
  unsigned followed_rounds = 0;
  size_t errors = 0;
};

/// The report of a whole-tree analysis (engine/ReportMerger.h): one entry
/// per (file, function), paths relative to `root`. Its JSON form is
/// docs/report.schema.json.
struct MergedReport {
  std::string root;
  std::optional<SockoptTypeInfo> sockopt_type;
  std::vector<Implementation> implementations;
  /// Sorted by place; in the JSON only when there is one.
  std::vector<HiddenRegistration> hidden_registrations;
  ReportSummary summary;
  std::vector<UnitError> errors;

  /// Whether the tree has the target API: sockopt_t and a struct
  /// proto_ops getsockopt_iter member (include/linux/net.h).
  bool hasApi() const { return sockopt_type && sockopt_type->proto_ops_has_getsockopt_iter; }
};

/// One request of the follow mode: analyse `function` (defined in the unit's
/// main file) in `context`.
struct FollowRequest {
  std::string function;
  CallContext context;
};

void to_json(nlohmann::json &j, const SourcePoint &v);
void from_json(const nlohmann::json &j, SourcePoint &v);
void to_json(nlohmann::json &j, const Reason &v);
void from_json(const nlohmann::json &j, Reason &v);
void to_json(nlohmann::json &j, const BehaviourChange &v);
void from_json(const nlohmann::json &j, BehaviourChange &v);
void to_json(nlohmann::json &j, const Registration &v);
void from_json(const nlohmann::json &j, Registration &v);
void to_json(nlohmann::json &j, const Helper &v);
void from_json(const nlohmann::json &j, Helper &v);
void to_json(nlohmann::json &j, const CallContext &v);
void from_json(const nlohmann::json &j, CallContext &v);
void to_json(nlohmann::json &j, const SockptrCaller &v);
void from_json(const nlohmann::json &j, SockptrCaller &v);
void to_json(nlohmann::json &j, const OptionVerdict &v);
void from_json(const nlohmann::json &j, OptionVerdict &v);
void to_json(nlohmann::json &j, const FollowRequest &v);
void from_json(const nlohmann::json &j, FollowRequest &v);
void to_json(nlohmann::json &j, const ExternalCall &v);
void from_json(const nlohmann::json &j, ExternalCall &v);
void to_json(nlohmann::json &j, const Implementation &v);
void from_json(const nlohmann::json &j, Implementation &v);
void to_json(nlohmann::json &j, const ForeignRegistration &v);
void from_json(const nlohmann::json &j, ForeignRegistration &v);
void to_json(nlohmann::json &j, const HiddenRegistration &v);
void from_json(const nlohmann::json &j, HiddenRegistration &v);
void to_json(nlohmann::json &j, const SockoptTypeInfo &v);
void from_json(const nlohmann::json &j, SockoptTypeInfo &v);
void to_json(nlohmann::json &j, const Edit &v);
void from_json(const nlohmann::json &j, Edit &v);
void to_json(nlohmann::json &j, const CrossFileCallee &v);
void from_json(const nlohmann::json &j, CrossFileCallee &v);
void to_json(nlohmann::json &j, const LegacyReference &v);
void from_json(const nlohmann::json &j, LegacyReference &v);
void to_json(nlohmann::json &j, RewriteLayer v);
void from_json(const nlohmann::json &j, RewriteLayer &v);
void to_json(nlohmann::json &j, const RewriteUnit &v);
void from_json(const nlohmann::json &j, RewriteUnit &v);
void to_json(nlohmann::json &j, const CheckFinding &v);
void from_json(const nlohmann::json &j, CheckFinding &v);
void to_json(nlohmann::json &j, const TranslationUnitResult &v);
void from_json(const nlohmann::json &j, TranslationUnitResult &v);

} // namespace sockopt
