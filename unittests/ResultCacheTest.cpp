// runner/ResultCache: the key of an analysis, and when a stored entry is
// given back.
#include "runner/ResultCache.h"

#include "TestFiles.h"
#include "runner/BuildId.h"
#include "runner/RecordingFileSystem.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

namespace sockopt {
namespace {

using clang::tooling::CompileCommand;
using testing::TempDir;

/// A compilation database that gives every file the same commands.
class Commands : public clang::tooling::CompilationDatabase {
public:
  explicit Commands(std::vector<CompileCommand> commands) : commands_(std::move(commands)) {}
  std::vector<CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return commands_;
  }

private:
  std::vector<CompileCommand> commands_;
};

CompileCommand command(std::vector<std::string> args, std::string dir = "/tree",
                       std::string file = "net/x.c") {
  return CompileCommand(std::move(dir), std::move(file), std::move(args), "net/x.o");
}

const std::vector<std::string> kArgs = {"clang-19", "-Iinclude", "-D__KERNEL__", "-c",
                                        "net/x.c"};

std::string keyOf(const std::vector<CompileCommand> &commands, const std::string &kind = "scan",
                  const std::string &file = "/tree/net/x.c",
                  const std::string &build_id = "build-1") {
  return analysisKey(kind, Commands(commands), file, build_id);
}

TEST(AnalysisKey, SameInputsSameKey) {
  EXPECT_EQ(keyOf({command(kArgs)}), keyOf({command(kArgs)}));
  // Without a build ID given: this executable's, the same on every call.
  Commands db({command(kArgs)});
  EXPECT_EQ(analysisKey("scan", db, "/tree/net/x.c"), analysisKey("scan", db, "/tree/net/x.c"));
  EXPECT_EQ(analysisKey("scan", db, "/tree/net/x.c"),
            analysisKey("scan", db, "/tree/net/x.c", buildId()));
}

TEST(AnalysisKey, EveryInputChangesIt) {
  std::vector<std::string> one_more = kArgs, changed = kArgs, reordered = kArgs;
  one_more.push_back("-DDEBUG");
  changed[2] = "-D__KERNEL__=1";
  std::swap(reordered[1], reordered[2]);
  std::vector<std::string> keys = {
      keyOf({command(kArgs)}),
      keyOf({command(kArgs)}, "rewrite"),                    // the analysis asked for
      keyOf({command(kArgs)}, "follow f len,optname@-1"),    // a followed function
      keyOf({command(kArgs)}, "scan", "/tree/net/y.c"),      // the unit
      keyOf({command(kArgs)}, "scan", "/tree/net/x.c", "build-2"), // the tool's build
      keyOf({command(one_more)}),                            // an argument added
      keyOf({command(changed)}),                             // an argument changed
      keyOf({command(reordered)}),                           // the arguments' order
      keyOf({command(kArgs, "/other")}),                     // the command's directory
      keyOf({command(kArgs, "/tree", "net/y.c")}),           // the command's file
      keyOf({command(kArgs), command(kArgs)}),               // a second command
      keyOf({}),                                             // no command at all
  };
  std::set<std::string> distinct(keys.begin(), keys.end());
  EXPECT_EQ(distinct.size(), keys.size());
}

TEST(AnalysisKey, CompilerEnvironmentChangesIt) {
  std::string plain = keyOf({command(kArgs)});
  for (const char *name : {"CPATH", "C_INCLUDE_PATH", "CCC_OVERRIDE_OPTIONS"}) {
    ::setenv(name, "/elsewhere", 1);
    EXPECT_NE(keyOf({command(kArgs)}), plain) << name;
    ::unsetenv(name);
    EXPECT_EQ(keyOf({command(kArgs)}), plain) << name;
  }
}

TEST(AnalysisKey, FieldBoundariesCount) {
  // The fields are joined with NUL: two arguments never read as one.
  EXPECT_NE(keyOf({command({"clang-19", "-DA", "B"})}), keyOf({command({"clang-19", "-DAB"})}));
  EXPECT_NE(keyOf({command({"clang-19", "-DA", "B"})}), keyOf({command({"clang-19", "-DA B"})}));
  EXPECT_NE(keyOf({command({"clang-19", "-c", "x.c"})}), keyOf({command({"clang-19", "-c x.c"})}));
}

TEST(AnalysisKey, CompilerReadFileDigest) {
  // A file named by -f...-file= is read by the compiler itself, outside the
  // parse's recorded inputs: its content is part of the key.
  TempDir dir;
  std::vector<std::string> args = kArgs;
  args.push_back("-frandomize-layout-seed-file=randstruct.seed");
  CompileCommand with_seed = command(args, dir.path());
  std::string absent = keyOf({with_seed});
  dir.write("randstruct.seed", "1111\n");
  std::string first = keyOf({with_seed});
  EXPECT_EQ(first, keyOf({with_seed}));
  dir.write("randstruct.seed", "2222\n");
  std::string second = keyOf({with_seed});
  dir.write("randstruct.seed", "1111\n");
  EXPECT_NE(absent, first);
  EXPECT_NE(first, second);
  EXPECT_EQ(first, keyOf({with_seed}));
}

/// An entry stored under a key, with the inputs of its parse.
class CacheEntry : public ::testing::Test {
protected:
  void SetUp() override {
    header = files.write("x.h", "#define X 1\n");
    absent = files.file("y.h");
    inputs.files[header] = contentDigest("#define X 1\n");
    inputs.missing.insert(absent);
    ResultCache(cache_dir.path(), 1 << 20).store("key", inputs, payload);
  }
  std::optional<nlohmann::json> lookup(const std::string &key = "key") {
    // A new cache each time: a cache reads each input once per run.
    return ResultCache(cache_dir.path(), 1 << 20).lookup(key);
  }

  TempDir files, cache_dir;
  std::string header, absent;
  UnitInputs inputs;
  nlohmann::json payload = {{"answer", 42}};
};

TEST_F(CacheEntry, GivenBackWhileItsInputsAreUnchanged) {
  std::optional<nlohmann::json> hit = lookup();
  ASSERT_TRUE(hit);
  EXPECT_EQ(*hit, payload);
  EXPECT_TRUE(lookup()); // and again
  EXPECT_FALSE(lookup("other key"));
}

TEST_F(CacheEntry, NotGivenBackWhenAFileDigestChanges) {
  files.write("x.h", "#define X 2\n");
  EXPECT_FALSE(lookup());
  files.write("x.h", "#define X 1\n"); // the bytes it was computed from
  EXPECT_TRUE(lookup());
}

TEST_F(CacheEntry, NotGivenBackWhenAFileGoesOrAMissingOneAppears) {
  files.write("y.h", "");
  EXPECT_FALSE(lookup());
  llvm::sys::fs::remove(absent);
  EXPECT_TRUE(lookup());
  llvm::sys::fs::remove(header);
  EXPECT_FALSE(lookup());
}

TEST_F(CacheEntry, IncompleteInputsAreNotStored) {
  UnitInputs incomplete = inputs;
  incomplete.complete = false;
  ResultCache(cache_dir.path(), 1 << 20).store("incomplete", incomplete, payload);
  EXPECT_FALSE(lookup("incomplete"));
  ResultCache(cache_dir.path(), 1 << 20).store("nothing read", UnitInputs{}, payload);
  EXPECT_FALSE(lookup("nothing read"));
}

TEST_F(CacheEntry, CountsLookupsAndHits) {
  ResultCache cache(cache_dir.path(), 1 << 20);
  EXPECT_TRUE(cache.lookup("key"));
  EXPECT_FALSE(cache.lookup("other key"));
  EXPECT_EQ(cache.lookups(), 2u);
  EXPECT_EQ(cache.hits(), 1u);
}

} // namespace
} // namespace sockopt
