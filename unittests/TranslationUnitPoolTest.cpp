// runner/TranslationUnitPool: the run's units in the result cache
// (RunUnitCache), as `scan`, `rewrite` and `check` and the whole-tree
// analysis use it.
#include "runner/TranslationUnitPool.h"

#include "TestFiles.h"
#include "runner/CompilationDatabaseLoader.h"
#include "runner/RecordingFileSystem.h"
#include "runner/ResultCache.h"

#include <gtest/gtest.h>

namespace sockopt {
namespace {

using testing::TempDir;

class RunUnits : public ::testing::Test {
protected:
  void SetUp() override {
    for (const char *name : {"a.c", "b.c", "c.c"})
      loaded.files.push_back(tree.write(name, std::string("int ") + name[0] + ";\n"));
    loaded.root = tree.path();
    std::string error;
    loaded.db = clang::tooling::FixedCompilationDatabase::loadFromBuffer(
        tree.path(), "-D__KERNEL__\n-Iinclude\n", error);
    ASSERT_TRUE(loaded.db) << error;
  }

  /// A parse of unit `i`, with the inputs it read.
  TranslationUnitResult parsed(size_t i, bool failed = false) {
    TranslationUnitResult r;
    r.file = loaded.files[i];
    r.failed = failed;
    r.diagnostics.push_back("parsed " + std::to_string(i));
    r.inputs.files[loaded.files[i]] = contentDigest(std::string("int ") + "abc"[i] + ";\n");
    return r;
  }

  TempDir tree, cache_dir;
  LoadedDatabase loaded;
};

TEST_F(RunUnits, WithoutACacheEveryUnitIsParsed) {
  RunUnitCache units(nullptr, loaded, ScanAction::Mode::Scan);
  std::vector<TranslationUnitResult> results(3);
  EXPECT_EQ(units.takeCached(results), (std::vector<size_t>{0, 1, 2}));
  TranslationUnitResult r = parsed(0);
  units.store(0, r.inputs, r); // nowhere: no crash, nothing kept
}

TEST_F(RunUnits, StoredParsesAreTakenNextTime) {
  {
    ResultCache cache(cache_dir.path(), 1 << 20);
    RunUnitCache units(&cache, loaded, ScanAction::Mode::Scan);
    std::vector<TranslationUnitResult> results(3);
    ASSERT_EQ(units.takeCached(results), (std::vector<size_t>{0, 1, 2}));
    for (size_t i : {0, 2}) {
      TranslationUnitResult r = parsed(i, /*failed=*/i == 2);
      UnitInputs inputs = std::move(r.inputs);
      r.inputs = {};
      units.store(i, inputs, r);
    }
  }
  ResultCache cache(cache_dir.path(), 1 << 20);
  RunUnitCache units(&cache, loaded, ScanAction::Mode::Scan);
  std::vector<TranslationUnitResult> results(3);
  // A failed parse is not kept: parsed again.
  EXPECT_EQ(units.takeCached(results), (std::vector<size_t>{1, 2}));
  EXPECT_EQ(results[0].file, loaded.files[0]);
  EXPECT_EQ(results[0].diagnostics, std::vector<std::string>{"parsed 0"});
  EXPECT_TRUE(results[0].inputs.files.empty());
  EXPECT_TRUE(results[1].file.empty());
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.lookups(), 3u);

  // Another analysis of the same units is another key.
  ResultCache again(cache_dir.path(), 1 << 20);
  std::vector<TranslationUnitResult> rewrites(3);
  EXPECT_EQ(RunUnitCache(&again, loaded, ScanAction::Mode::Rewrite).takeCached(rewrites),
            (std::vector<size_t>{0, 1, 2}));
}

TEST_F(RunUnits, AChangedUnitIsParsedAgain) {
  {
    ResultCache cache(cache_dir.path(), 1 << 20);
    RunUnitCache units(&cache, loaded, ScanAction::Mode::Check);
    std::vector<TranslationUnitResult> results(3);
    units.takeCached(results);
    for (size_t i : {0, 1, 2}) {
      TranslationUnitResult r = parsed(i);
      units.store(i, r.inputs, r);
    }
  }
  tree.write("b.c", "int b = 1;\n");
  ResultCache cache(cache_dir.path(), 1 << 20);
  std::vector<TranslationUnitResult> results(3);
  EXPECT_EQ(RunUnitCache(&cache, loaded, ScanAction::Mode::Check).takeCached(results),
            (std::vector<size_t>{1}));
}

TEST(ModeName, OnePerMode) {
  EXPECT_STREQ(modeName(ScanAction::Mode::Scan), "scan");
  EXPECT_STREQ(modeName(ScanAction::Mode::Rewrite), "rewrite");
  EXPECT_STREQ(modeName(ScanAction::Mode::Check), "check");
  EXPECT_STREQ(modeName(ScanAction::Mode::Follow), "follow");
}

} // namespace
} // namespace sockopt
