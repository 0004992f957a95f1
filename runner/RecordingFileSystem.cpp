#include "runner/RecordingFileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace sockopt {

std::string contentDigest(llvm::StringRef bytes) {
  llvm::XXH128_hash_t h = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(bytes));
  return llvm::utohexstr(h.high64, true, 16) + llvm::utohexstr(h.low64, true, 16);
}

namespace {

/// "Not there" as opposed to a failure that says nothing about the path
/// (EACCES, EIO): only the former is a fact the cache can check later.
bool isAbsence(std::error_code ec) {
  return ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory;
}

class Recorder {
public:
  explicit Recorder(UnitInputs &inputs) : inputs_(inputs) {}

  /// A file opened and never read (a header search that found it, an
  /// include guard that skipped it) still counts: its existence decided.
  void opened(const std::string &path) { inputs_.files.emplace(path, ""); }
  void read(const std::string &path, llvm::StringRef bytes) {
    std::string digest = contentDigest(bytes);
    std::string &known = inputs_.files[path];
    if (!known.empty() && known != digest)
      inputs_.complete = false; // read twice, different bytes: nothing to key on
    known = digest;
  }
  void absent(const std::string &path) { inputs_.missing.insert(path); }

private:
  UnitInputs &inputs_;
};

/// Hands the parser the file's bytes and records their digest: the bytes
/// the result was computed from, not what the file holds a moment later.
class RecordedFile : public llvm::vfs::File {
public:
  RecordedFile(std::unique_ptr<llvm::vfs::File> file, std::string path, Recorder &recorder)
      : file_(std::move(file)), path_(std::move(path)), recorder_(recorder) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return file_->status(); }
  llvm::ErrorOr<std::string> getName() override { return file_->getName(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &name, int64_t size, bool null_terminated,
            bool is_volatile) override {
    auto buffer = file_->getBuffer(name, size, null_terminated, is_volatile);
    if (buffer)
      recorder_.read(path_, (*buffer)->getBuffer());
    return buffer;
  }
  std::error_code close() override { return file_->close(); }

private:
  std::unique_ptr<llvm::vfs::File> file_;
  std::string path_;
  Recorder &recorder_;
};

class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  RecordingFileSystem(UnitInputs &inputs)
      : ProxyFileSystem(llvm::vfs::getRealFileSystem()), recorder_(inputs) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &path) override {
    auto status = ProxyFileSystem::status(path);
    if (!status && isAbsence(status.getError()))
      recorder_.absent(absolute(path));
    return status;
  }
  bool exists(const llvm::Twine &path) override {
    bool found = ProxyFileSystem::exists(path);
    if (!found)
      recorder_.absent(absolute(path));
    return found;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &path) override {
    auto file = ProxyFileSystem::openFileForRead(path);
    if (!file) {
      if (isAbsence(file.getError()))
        recorder_.absent(absolute(path));
      return file;
    }
    std::string name = absolute(path);
    recorder_.opened(name);
    return std::make_unique<RecordedFile>(std::move(*file), std::move(name), recorder_);
  }

private:
  /// Relative lookups are relative to the compile command's directory,
  /// which ClangTool makes the working directory of the parse.
  std::string absolute(const llvm::Twine &path) {
    llvm::SmallString<256> p;
    path.toVector(p);
    makeAbsolute(p);
    llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/false);
    return std::string(p);
  }

  Recorder recorder_;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> recordingFileSystem(UnitInputs &inputs) {
  return llvm::makeIntrusiveRefCnt<RecordingFileSystem>(inputs);
}

} // namespace sockopt
