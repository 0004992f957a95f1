// Small files for the unit tests: a temporary directory, removed with
// everything in it when the test ends.
#pragma once

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>

namespace sockopt::testing {

class TempDir {
public:
  TempDir() {
    llvm::SmallString<128> dir;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("sockopt-unittest", dir));
    path_ = std::string(dir);
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path_); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return path_; }

  /// The path of `name` in the directory.
  std::string file(const std::string &name) const {
    llvm::SmallString<128> p(path_);
    llvm::sys::path::append(p, name);
    return std::string(p);
  }

  /// Writes `text` to `name` in the directory and returns its path.
  std::string write(const std::string &name, llvm::StringRef text) const {
    std::string p = file(name);
    std::error_code ec;
    llvm::raw_fd_ostream out(p, ec);
    EXPECT_FALSE(ec) << p << ": " << ec.message();
    out << text;
    return p;
  }

private:
  std::string path_;
};

} // namespace sockopt::testing
