#include "runner/SharedPch.h"

#include "analysis/Classifier.h"
#include "analysis/FunctionReferences.h"
#include "analysis/UaccessMacros.h"
#include "checks/Registry.h"
#include "engine/FastBodySkip.h"
#include "runner/AnalysisInvocation.h"
#include "runner/Preamble.h"
#include "runner/RecordingFileSystem.h"
#include "runner/TranslationUnitPool.h"
#include "support/AtomicFile.h"

#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Serialization/ASTWriter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

#include <optional>

namespace sockopt {

using namespace clang;

namespace {

/// The header every group precompiles: the networking core, which every
/// struct proto_ops implementation needs for struct sock.
constexpr const char *kPrefixHeader = "net/sock.h";
/// The synthetic main file of a build.
llvm::StringRef prefixSource() {
  static const std::string source = std::string("#include <") + kPrefixHeader + ">\n";
  return source;
}

/// A build costs about 1.2 cpu-s on 6.12 and saves each unit that loads it
/// about 0.25 cpu-s (bench/vs-coccinelle.py): smaller groups parse alone.
constexpr size_t kMinUnits = 4;

/// The -D flags Kbuild gives each object (scripts/Makefile.lib:
/// basename_flags, modname_flags, modfile_flags): the only ones that
/// differ between the units of one directory. Their names are checked like
/// the preamble's macros.
std::optional<std::string> perObjectDefine(llvm::StringRef arg) {
  if (!arg.consume_front("-D"))
    return std::nullopt;
  for (llvm::StringRef name :
       {"KBUILD_BASENAME", "KBUILD_MODNAME", "__KBUILD_MODNAME", "KBUILD_MODFILE"})
    if (arg.starts_with(name) && (arg.size() == name.size() || arg[name.size()] == '='))
      return name.str();
  return std::nullopt;
}

/// Whether `arg` of `command` names its source file.
bool isSourceArgument(const tooling::CompileCommand &command, llvm::StringRef arg) {
  if (arg.starts_with("-"))
    return false;
  llvm::SmallString<256> path(arg);
  if (!llvm::sys::path::is_absolute(path))
    path = command.Directory + "/" + arg.str();
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  llvm::SmallString<256> file(command.Filename);
  if (!llvm::sys::path::is_absolute(file))
    file = command.Directory + "/" + command.Filename;
  llvm::sys::path::remove_dots(file, /*remove_dot_dot=*/true);
  return path == file;
}

/// Records which of `candidates` the precompiled headers consult: expand,
/// test, define, undefine or spell as an identifier. A default definition
/// (`#ifndef M` then only `#define M` then `#endif`) is not a use. Expanded
/// or spelt inside a function body the parser skips, a macro can change
/// nothing but where the body ends; those uses are kept apart.
class ConsultedMacros : public PPCallbacks {
public:
  ConsultedMacros(const SourceManager &sm, const llvm::StringSet<> &candidates,
                  std::set<std::string> &consulted, std::set<std::string> &in_bodies)
      : sm_(sm), candidates_(candidates), consulted_(consulted), in_bodies_(in_bodies) {}

  /// The parser skips the body whose `{` it just read.
  void skippingBody() { body_depth_ = 1; }
  /// A name that a body skipped without lexing uses, itself or through
  /// the macros it names.
  void inSkippedBody(llvm::StringRef name) { consult(name, /*token_level=*/true); }

  void token(const Token &tok) {
    disturb();
    if (tok.is(tok::identifier))
      consult(tok.getIdentifierInfo()->getName(), /*token_level=*/true);
    if (body_depth_ && tok.is(tok::l_brace))
      ++body_depth_;
    else if (body_depth_ && tok.is(tok::r_brace))
      --body_depth_;
  }
  void MacroExpands(const Token &name, const MacroDefinition &, SourceRange,
                    const MacroArgs *) override {
    disturb();
    consult(name.getIdentifierInfo()->getName(), /*token_level=*/true);
  }
  void MacroDefined(const Token &name, const MacroDirective *) override {
    llvm::StringRef id = name.getIdentifierInfo()->getName();
    if (pending_ && pending_->name == id && !pending_->defined) {
      pending_->defined = true;
      return;
    }
    disturb();
    consult(id);
  }
  void MacroUndefined(const Token &name, const MacroDefinition &, const MacroDirective *) override {
    disturb();
    consult(name.getIdentifierInfo()->getName());
  }
  void Defined(const Token &name, const MacroDefinition &, SourceRange) override {
    disturb();
    consult(name.getIdentifierInfo()->getName());
  }
  void Ifdef(SourceLocation, const Token &name, const MacroDefinition &) override {
    disturb();
    consult(name.getIdentifierInfo()->getName());
  }
  void Ifndef(SourceLocation loc, const Token &name, const MacroDefinition &md) override {
    disturb();
    llvm::StringRef id = name.getIdentifierInfo()->getName();
    if (!md && candidates_.contains(id))
      pending_ = Default{id.str(), loc};
    else
      consult(id);
  }
  void Elifdef(SourceLocation, const Token &name, const MacroDefinition &) override {
    disturb();
    consult(name.getIdentifierInfo()->getName());
  }
  void Elifndef(SourceLocation, const Token &name, const MacroDefinition &) override {
    disturb();
    consult(name.getIdentifierInfo()->getName());
  }
  // An identifier in a condition that is no macro evaluates to 0; it would
  // not, had the unit defined it first.
  void If(SourceLocation, SourceRange condition, ConditionValueKind) override {
    disturb();
    consultCondition(condition);
  }
  void Elif(SourceLocation, SourceRange condition, ConditionValueKind, SourceLocation) override {
    disturb();
    consultCondition(condition);
  }
  void Else(SourceLocation, SourceLocation) override { disturb(); }
  void Endif(SourceLocation, SourceLocation if_loc) override {
    if (pending_ && pending_->ifndef == if_loc && pending_->defined) {
      pending_.reset(); // a default definition: the unit's own replaces it
      return;
    }
    disturb();
  }
  void InclusionDirective(SourceLocation, const Token &, StringRef, bool, CharSourceRange,
                          OptionalFileEntryRef, StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    disturb();
  }

private:
  struct Default {
    std::string name;
    SourceLocation ifndef;
    bool defined = false;
  };
  /// A use of `name`; at `token_level` (an expansion or an identifier,
  /// not a directive), inside a skipped body it counts apart.
  void consult(llvm::StringRef name, bool token_level = false) {
    if (candidates_.contains(name))
      (token_level && body_depth_ ? in_bodies_ : consulted_).insert(name.str());
  }
  /// Anything but the #define between `#ifndef M` and its `#endif`: not a
  /// default definition after all.
  void disturb() {
    if (pending_) {
      consult(pending_->name);
      pending_.reset();
    }
  }
  void consultCondition(SourceRange condition) {
    bool invalid = false;
    // A copy: the lexer reads up to a NUL at the end of its buffer.
    std::string text = Lexer::getSourceText(CharSourceRange::getCharRange(condition), sm_,
                                            LangOptions(), &invalid)
                           .str();
    if (invalid)
      return;
    Lexer lexer(SourceLocation(), LangOptions(), text.data(), text.data(),
                text.data() + text.size());
    Token tok;
    for (bool at_end = false; !at_end;) {
      at_end = lexer.LexFromRawLexer(tok);
      if (tok.is(tok::raw_identifier))
        consult(tok.getRawIdentifier());
    }
  }

  const SourceManager &sm_;
  const llvm::StringSet<> &candidates_;
  std::set<std::string> &consulted_;
  std::set<std::string> &in_bodies_;
  std::optional<Default> pending_;
  unsigned body_depth_ = 0; // of braces, inside a skipped body
};

/// Tells `watch` when the parser skips a function body, and skips it fast
/// when it can (engine/FastBodySkip.h), telling `watch` what the body uses.
class SkippedBodies : public ASTConsumer {
public:
  SkippedBodies(Preprocessor &pp, ConsultedMacros &watch)
      : watch_(watch), fast_(pp, [&watch](llvm::StringRef name) { watch.inSkippedBody(name); }) {}
  bool shouldSkipFunctionBody(Decl *d) override {
    // As the units' own parses in check (engine/ScanAction.cpp).
    if (const auto *fn = dyn_cast<FunctionDecl>(d); fn && isIterFunction(fn))
      return false;
    watch_.skippingBody();
    fast_.skipToClosingBrace();
    return true;
  }

private:
  ConsultedMacros &watch_;
  FastBodySkip fast_;
};

/// The path <net/sock.h> resolved to, as the synthetic main file includes it.
class SharedHeaderPath : public PPCallbacks {
public:
  SharedHeaderPath(const SourceManager &sm, std::string &shared_header)
      : sm_(sm), shared_header_(shared_header) {}
  void InclusionDirective(SourceLocation hash, const Token &, StringRef name, bool,
                          CharSourceRange, OptionalFileEntryRef file, StringRef, StringRef,
                          const Module *, bool, SrcMgr::CharacteristicKind) override {
    if (file && name == kPrefixHeader && sm_.isWrittenInMainFile(hash) && shared_header_.empty())
      shared_header_ = reportPath(sm_.getFileManager(), file->getName());
  }

private:
  const SourceManager &sm_;
  std::string &shared_header_;
};

/// What a build found out besides the precompiled header itself.
struct BuildFacts {
  std::string shared_header;
  std::set<std::string> consulted;
  std::set<std::string> in_bodies; // consulted only inside skipped bodies
  HeaderReferences references;
  SockoptTypeSearch sockopt_type;
  ConfigConditions::FileChains chains;
  std::vector<CheckFinding> iter_findings;
};

nlohmann::json toJson(const BuildFacts &facts) {
  nlohmann::json chains = nlohmann::json::object();
  for (const auto &[path, file_chains] : facts.chains) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto &chain : file_chains) {
      nlohmann::json branches = nlohmann::json::array();
      for (const ConfigConditions::Branch &b : chain)
        branches.push_back({b.condition, b.taken, b.begin, b.end});
      list.push_back(std::move(branches));
    }
    chains[path] = std::move(list);
  }
  return {{"shared_header", facts.shared_header},
          {"consulted", facts.consulted},
          {"in_bodies", facts.in_bodies},
          {"chains", chains},
          {"references",
           {{"counts", facts.references.counts},
            {"in_typeof", facts.references.in_typeof},
            {"exported", facts.references.exported}}},
          {"sockopt_t", facts.sockopt_type.sockopt_t ? nlohmann::json(*facts.sockopt_type.sockopt_t)
                                                     : nlohmann::json()},
          {"proto_ops_has_getsockopt_iter", facts.sockopt_type.proto_ops_has_getsockopt_iter},
          {"proto_has_getsockopt_iter", facts.sockopt_type.proto_has_getsockopt_iter},
          {"iter_findings", facts.iter_findings}};
}

BuildFacts fromJson(const nlohmann::json &j) {
  BuildFacts facts;
  j.at("shared_header").get_to(facts.shared_header);
  j.at("consulted").get_to(facts.consulted);
  j.at("in_bodies").get_to(facts.in_bodies);
  const nlohmann::json &references = j.at("references");
  references.at("counts").get_to(facts.references.counts);
  references.at("in_typeof").get_to(facts.references.in_typeof);
  references.at("exported").get_to(facts.references.exported);
  if (!j.at("sockopt_t").is_null())
    facts.sockopt_type.sockopt_t = j.at("sockopt_t").get<SockoptTypeInfo>();
  j.at("proto_ops_has_getsockopt_iter").get_to(facts.sockopt_type.proto_ops_has_getsockopt_iter);
  j.at("proto_has_getsockopt_iter").get_to(facts.sockopt_type.proto_has_getsockopt_iter);
  j.at("iter_findings").get_to(facts.iter_findings);
  for (const auto &[path, list] : j.at("chains").items())
    for (const auto &branches : list) {
      std::vector<ConfigConditions::Branch> chain;
      for (const auto &b : branches)
        chain.push_back({b.at(0).get<std::string>(), b.at(1).get<bool>(), b.at(2).get<unsigned>(),
                         b.at(3).get<unsigned>()});
      facts.chains[path].push_back(std::move(chain));
    }
  return facts;
}

/// Builds the precompiled header in memory; the worker writes it out
/// under a name the run chose (a file clang named itself would stay
/// behind when a signal ends the run).
class PrefixBuildAction : public GeneratePCHAction {
public:
  PrefixBuildAction(std::string output, const llvm::StringSet<> &candidates, BuildFacts &facts)
      : output_(std::move(output)), candidates_(candidates), facts_(facts) {}

  /// The precompiled header, once complete.
  const PCHBuffer *built() const {
    return buffer_ && buffer_->IsComplete ? buffer_.get() : nullptr;
  }

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, StringRef file) override {
    std::string sysroot;
    if (!ComputeASTConsumerArguments(ci, sysroot))
      return nullptr;
    // As in the units' own parses (engine/ScanAction.cpp): header bodies are
    // skipped, which is also what the units would see of them.
    ci.getFrontendOpts().SkipFunctionBodies = true;
    Preprocessor &pp = ci.getPreprocessor();
    auto conditions = std::make_unique<PreprocessorFacts>(ci.getSourceManager());
    conditions_ = conditions.get();
    pp.addPPCallbacks(std::move(conditions));
    pp.addPPCallbacks(
        std::make_unique<SharedHeaderPath>(ci.getSourceManager(), facts_.shared_header));
    auto consulted = std::make_unique<ConsultedMacros>(ci.getSourceManager(), candidates_,
                                                       facts_.consulted, facts_.in_bodies);
    ConsultedMacros *watch = consulted.get();
    pp.addPPCallbacks(std::move(consulted));
    pp.setTokenWatcher([watch](const Token &tok) { watch->token(tok); });
    buffer_ = std::make_shared<PCHBuffer>();
    std::vector<std::unique_ptr<ASTConsumer>> consumers;
    consumers.push_back(std::make_unique<PCHGenerator>(
        pp, ci.getModuleCache(), output_, /*isysroot=*/"", buffer_,
        ci.getFrontendOpts().ModuleFileExtensions, /*AllowASTWithErrors=*/false,
        bool(ci.getFrontendOpts().IncludeTimestamps)));
    consumers.push_back(std::make_unique<SkippedBodies>(pp, *watch));
    return std::make_unique<MultiplexConsumer>(std::move(consumers));
  }
  void EndSourceFileAction() override {
    facts_.chains = conditions_->conditions().exportChains();
    if (getCompilerInstance().hasASTContext()) {
      ASTContext &ctx = getCompilerInstance().getASTContext();
      facts_.references = FunctionReferences(ctx, nullptr).byName();
      facts_.sockopt_type = searchSockoptType(ctx);
      // Last: the rules' parent map covers only the functions they walk.
      std::vector<FunctionDecl *> walked = iterFunctions(ctx);
      ctx.setTraversalScope(std::vector<Decl *>(walked.begin(), walked.end()));
      facts_.iter_findings = runIterRules(ctx);
    }
    GeneratePCHAction::EndSourceFileAction();
  }

private:
  std::string output_;
  const llvm::StringSet<> &candidates_;
  BuildFacts &facts_;
  PreprocessorFacts *conditions_ = nullptr;
  std::shared_ptr<PCHBuffer> buffer_;
};

class OneCommand : public tooling::CompilationDatabase {
public:
  explicit OneCommand(tooling::CompileCommand command) : command_(std::move(command)) {}
  std::vector<tooling::CompileCommand> getCompileCommands(StringRef) const override {
    return {command_};
  }

private:
  tooling::CompileCommand command_;
};

} // namespace

struct SharedPchSet::Built {
  std::string pch, header; // their paths, in memory only
  std::unique_ptr<llvm::MemoryBuffer> bytes;
  BuildFacts facts;
  UnitInputs inputs;
};

struct SharedPchSet::Group {
  tooling::CompileCommand command; // of the synthetic main file
  std::map<std::string, Preamble> preambles;
  std::map<std::string, std::vector<PreambleMacro>> macros; // per unit: per-object -D and preamble
  llvm::StringSet<> candidates; // the macros of `macros`
  std::unique_ptr<Built> built;
};

SharedPchSet::SharedPchSet(const tooling::CompilationDatabase &db,
                               const std::vector<std::string> &to_parse,
                               const std::vector<std::string> &db_files, unsigned jobs,
                               bool record_inputs) {
  std::set<std::string> parsing(to_parse.begin(), to_parse.end());
  std::map<std::string, size_t> parsing_in_group;
  for (const std::string &file : db_files) {
    std::vector<tooling::CompileCommand> commands = db.getCompileCommands(file);
    if (commands.size() != 1)
      continue;
    const tooling::CompileCommand &command = commands.front();
    std::vector<std::string> args;
    std::vector<PreambleMacro> defines;
    for (size_t i = 0; i < command.CommandLine.size(); ++i) {
      llvm::StringRef arg = command.CommandLine[i];
      if (arg == "-o" || arg == "-c" || isDepfileArgument(arg) ||
          (i > 0 && isSourceArgument(command, arg))) {
        i += arg == "-o";
        continue;
      }
      if (std::optional<std::string> name = perObjectDefine(arg)) {
        llvm::StringRef value = arg.drop_front(2 + name->size()).drop_front(arg.contains('='));
        defines.push_back({*name, bracketFree(value)});
        continue;
      }
      args.push_back(arg.str());
    }
    auto source = llvm::MemoryBuffer::getFile(file);
    if (!source)
      continue;
    std::string key = command.Directory + '\0' + llvm::join(args, std::string(1, '\0'));
    std::unique_ptr<Group> &group = groups_[key];
    if (!group) {
      group = std::make_unique<Group>();
      group->command.Directory = command.Directory;
      group->command.CommandLine = args;
    }
    Preamble preamble = readPreamble((*source)->getBuffer());
    std::vector<PreambleMacro> &macros = group->macros[file];
    macros = defines;
    macros.insert(macros.end(), preamble.macros.begin(), preamble.macros.end());
    for (const PreambleMacro &macro : macros)
      group->candidates.insert(macro.name);
    group->preambles[file] = std::move(preamble);
    group_of_[file] = group.get();
    parsing_in_group[key] += parsing.count(file);
  }

  std::vector<Group *> to_build;
  for (auto &[key, group] : groups_)
    if (parsing_in_group[key] >= kMinUnits)
      to_build.push_back(group.get());
  if (!to_build.empty())
    build(to_build, jobs, record_inputs);
}

/// In a worker: builds the precompiled header of `group` into
/// `base`.pch, and what the build found out into `base`.json.
TranslationUnitResult SharedPchSet::buildOne(Group &group, const std::string &base,
                                             bool record_inputs) {
  TranslationUnitResult result;
  result.file = group.command.Filename;
  OneCommand command(group.command);
  tooling::ClangTool tool(command, {group.command.Filename},
                          std::make_shared<PCHContainerOperations>(),
                          record_inputs ? recordingFileSystem(result.inputs)
                                        : llvm::vfs::getRealFileSystem());
  tool.mapVirtualFile(group.command.Filename, prefixSource());
  adjustForAnalysis(tool);
  IgnoringDiagConsumer quiet;
  tool.setDiagnosticConsumer(&quiet);
  BuildFacts facts;
  const PCHBuffer *built = nullptr;
  struct Factory : tooling::FrontendActionFactory {
    std::string output;
    const llvm::StringSet<> *candidates;
    BuildFacts *facts;
    std::unique_ptr<PrefixBuildAction> action;
    std::unique_ptr<FrontendAction> create() override {
      return std::make_unique<PrefixBuildAction>(output, *candidates, *facts);
    }
    // Keeps the action, and its buffer, after the run.
    bool runInvocation(std::shared_ptr<CompilerInvocation> invocation, FileManager *files,
                       std::shared_ptr<PCHContainerOperations> pch,
                       DiagnosticConsumer *diagnostics) override {
      withoutSideOutputs(*invocation);
      CompilerInstance ci(std::move(pch));
      ci.setInvocation(std::move(invocation));
      ci.setFileManager(files);
      ci.createDiagnostics(diagnostics, /*ShouldOwnClient=*/false);
      if (!ci.hasDiagnostics())
        return false;
      ci.createSourceManager(*files);
      action = std::make_unique<PrefixBuildAction>(output, *candidates, *facts);
      bool ok = ci.ExecuteAction(*action);
      files->clearStatCache();
      return ok;
    }
  } factory;
  factory.output = base + ".pch";
  factory.candidates = &group.candidates;
  factory.facts = &facts;
  if (tool.run(&factory) == 0 && factory.action)
    built = factory.action->built();
  result.failed =
      !built || facts.shared_header.empty() ||
      writeThroughTemporary(base + ".pch",
                             llvm::StringRef(built->Data.data(), built->Data.size())) ||
      writeThroughTemporary(base + ".json", toJson(facts).dump());
  result.inputs.files.erase(group.command.Filename);
  return result;
}

/// Each build writes the precompiled header and its facts under a name
/// reserved here and removed on a signal (LLVM's handler, after
/// runner/WorkerCleanup.h's); the parent reads them into memory and removes
/// them at once.
void SharedPchSet::build(const std::vector<Group *> &to_build, unsigned jobs,
                           bool record_inputs) {
  std::vector<std::string> bases;
  auto removeFiles = [&](size_t i) {
    for (const char *suffix : {".pch", ".pch.tmp", ".json", ".json.tmp"}) {
      llvm::sys::fs::remove(bases[i] + suffix);
      llvm::sys::DontRemoveFileOnSignal(bases[i] + suffix);
    }
  };
  for (size_t i = 0; i < to_build.size(); ++i) {
    llvm::SmallString<128> reserved;
    if (llvm::sys::fs::createTemporaryFile("sockopt-migrate-prefix", "pch", reserved)) {
      for (size_t k = 0; k < bases.size(); ++k)
        removeFiles(k);
      return; // no shared header: every unit parses its own
    }
    std::string base = std::string(reserved.str().drop_back(4));
    for (const char *suffix : {".pch", ".pch.tmp", ".json", ".json.tmp"})
      llvm::sys::RemoveFileOnSignal(base + suffix);
    bases.push_back(base);
    Group &group = *to_build[i];
    // Never on disk: the build and the units map it in memory.
    group.command.Filename = base + ".h";
    group.command.CommandLine.insert(group.command.CommandLine.end(),
                                     {"-x", "c-header", group.command.Filename});
  }

  size_t next = 0;
  Schedule schedule;
  schedule.capacity = to_build.size();
  schedule.name = [&](size_t i) { return to_build[i]->command.Filename; };
  schedule.next = [&](bool) -> std::optional<size_t> {
    if (next == to_build.size())
      return std::nullopt;
    return next++;
  };
  schedule.work = [&](size_t i) { return buildOne(*to_build[i], bases[i], record_inputs); };
  schedule.done = [&](size_t i, TranslationUnitResult result) {
    auto pch = llvm::MemoryBuffer::getFile(bases[i] + ".pch");
    auto text = llvm::MemoryBuffer::getFile(bases[i] + ".json");
    removeFiles(i);
    if (result.failed || !pch || !text)
      return;
    auto built = std::make_unique<Built>();
    try {
      built->facts = fromJson(nlohmann::json::parse((*text)->getBuffer()));
    } catch (const nlohmann::json::exception &) {
      return;
    }
    built->pch = bases[i] + ".pch";
    built->header = to_build[i]->command.Filename;
    built->bytes = std::move(*pch);
    built->inputs = std::move(result.inputs);
    to_build[i]->built = std::move(built);
  };
  // Without workers no header is built, and every unit parses alone; the
  // run's own parses meet the same failure and report it.
  llvm::consumeError(runScheduled(jobs, schedule));
}

SharedPchSet::~SharedPchSet() = default;

std::optional<SharedPchUse> SharedPchSet::forUnit(const std::string &file) const {
  auto it = group_of_.find(file);
  if (it == group_of_.end() || !it->second->built)
    return std::nullopt;
  const Group &group = *it->second;
  const Built &built = *group.built;
  for (const PreambleMacro &macro : group.macros.at(file))
    if (built.facts.consulted.count(macro.name) ||
        (built.facts.in_bodies.count(macro.name) && !macro.bracket_free))
      return std::nullopt;
  SharedPchUse use;
  use.pch = built.pch;
  use.pch_bytes = built.bytes.get();
  use.header = built.header;
  use.header_source = prefixSource();
  use.shared_header = built.facts.shared_header;
  use.preamble_size = group.preambles.at(file).size;
  use.chains = &built.facts.chains;
  use.references = &built.facts.references;
  use.sockopt_type = &built.facts.sockopt_type;
  use.iter_findings = &built.facts.iter_findings;
  use.inputs = &built.inputs;
  return use;
}

} // namespace sockopt

