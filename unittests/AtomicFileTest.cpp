// support/AtomicFile: a file is replaced whole, through a temporary file.
#include "support/AtomicFile.h"

#include "TestFiles.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

namespace sockopt {
namespace {

using testing::TempDir;

std::string contentOf(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : "<unreadable>";
}

TEST(WriteThroughTemporary, ReplacesTheFileAndLeavesNoTemporary) {
  TempDir dir;
  std::string path = dir.write("0.cbor", "old content, longer than the new one");
  std::string bytes("new\0bytes", 9); // binary content is kept as it is
  EXPECT_FALSE(writeThroughTemporary(path, bytes));
  EXPECT_EQ(contentOf(path), bytes);
  EXPECT_FALSE(llvm::sys::fs::exists(path + ".tmp"));
}

TEST(WriteThroughTemporary, FailsWithoutItsDirectory) {
  TempDir dir;
  std::string path = dir.file("missing/0.cbor");
  EXPECT_TRUE(writeThroughTemporary(path, "x"));
  EXPECT_FALSE(llvm::sys::fs::exists(path));
}

TEST(WriteThroughTemporary, FailsWhenTheTargetCannotBeReplaced) {
  TempDir dir;
  std::string path = dir.file("target");
  ASSERT_FALSE(llvm::sys::fs::create_directory(path));
  ASSERT_FALSE(llvm::sys::fs::create_directory(path + "/inside"));
  // rename() cannot put a file in place of a non-empty directory.
  EXPECT_TRUE(writeThroughTemporary(path, "x"));
  EXPECT_TRUE(llvm::sys::fs::is_directory(path));
}

TEST(WriteAtomically, ReplacesTheFile) {
  TempDir dir;
  std::string path = dir.write("report.json", "old");
  EXPECT_FALSE(llvm::errorToBool(writeAtomically(path, "new")));
  EXPECT_EQ(contentOf(path), "new");
  std::error_code ec;
  unsigned entries = 0;
  for (llvm::sys::fs::directory_iterator it(dir.path(), ec), end; it != end && !ec;
       it.increment(ec))
    ++entries;
  EXPECT_EQ(entries, 1u); // no temporary file left beside it
}

TEST(WriteAllOrNothing, NothingIsWrittenWhenOneFileCannotBe) {
  TempDir dir;
  std::string a = dir.write("a.c", "a");
  std::string missing = dir.file("no/such/dir/b.c");
  llvm::Error e = writeAllOrNothing({{a, "new a"}, {missing, "new b"}});
  ASSERT_TRUE(bool(e));
  EXPECT_NE(llvm::toString(std::move(e)).find("nothing was written"), std::string::npos);
  EXPECT_EQ(contentOf(a), "a");
}

} // namespace
} // namespace sockopt
