#include "runner/ResultCache.h"

#include "runner/BuildId.h"
#include "runner/RecordingFileSystem.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

namespace sockopt {

namespace {

/// Entries of another layout live in another directory and age out.
constexpr const char *kLayout = "v1";

/// An entry is its CBOR followed by the digest of those bytes: a damaged
/// entry (a flipped bit, a disk that filled up) is a miss. The digest is no
/// defence against a writer who can recompute it: that is the directory's
/// ownership and mode (untrustedDirectory()).
constexpr size_t kDigestSize = 32;

/// Why the directory `path` (a link followed only with `follow`) cannot be
/// trusted with entries, or nullopt: it must be a directory of this user
/// that neither group nor others can write to. Anyone who can write to it
/// could plant entries that change verdicts and rewrites, or links that
/// make the tool write or trim outside the cache.
std::optional<std::string> untrustedDirectory(const std::string &path, bool follow) {
  struct stat st;
  if ((follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0)
    return std::string("cannot be examined");
  if (!S_ISDIR(st.st_mode))
    return std::string(S_ISLNK(st.st_mode) ? "a symbolic link" : "not a directory");
  if (st.st_uid != ::geteuid())
    return std::string("owned by another user");
  if (st.st_mode & (S_IWGRP | S_IWOTH))
    return std::string("writable by group or others");
  return std::nullopt;
}

/// A regular file of this user, not a link.
bool ownEntryFile(const std::string &path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid();
}

} // namespace

ResultCache::ResultCache(std::string dir, uint64_t limit_bytes, NoteSink note)
    : dir_(std::move(dir)), limit_(limit_bytes), note_(std::move(note)) {}

ResultCache::~ResultCache() {
  if (written_)
    trim();
}

std::string ResultCache::pathOf(const std::string &key) const {
  std::string name = contentDigest(key);
  llvm::SmallString<256> path(dir_);
  llvm::sys::path::append(path, kLayout, name.substr(0, 2), name + ".cbor");
  return std::string(path);
}

const std::optional<std::string> &ResultCache::currentDigest(const std::string &path) {
  auto [it, inserted] = digests_.try_emplace(path);
  if (inserted)
    if (auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false))
      it->second = contentDigest((*buffer)->getBuffer());
  return it->second;
}

bool ResultCache::exists(const std::string &path) {
  auto [it, inserted] = exists_.try_emplace(path, false);
  if (inserted)
    it->second = llvm::sys::fs::exists(path);
  return it->second;
}

bool ResultCache::unchanged(const nlohmann::json &entry) {
  for (const auto &[path, digest] : entry.at("files").items()) {
    const std::string &recorded = digest.get_ref<const std::string &>();
    if (recorded.empty() ? !exists(path) : currentDigest(path) != recorded)
      return false;
  }
  for (const auto &path : entry.at("missing"))
    if (exists(path.get<std::string>()))
      return false;
  return true;
}

std::optional<nlohmann::json> ResultCache::lookup(const std::string &key) {
  ++lookups_;
  std::string path = pathOf(key);
  if (!ownEntryFile(path))
    return std::nullopt;
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer || (*buffer)->getBufferSize() <= kDigestSize)
    return std::nullopt;
  llvm::StringRef bytes = (*buffer)->getBuffer().drop_back(kDigestSize);
  if (contentDigest(bytes) != (*buffer)->getBuffer().take_back(kDigestSize))
    return std::nullopt;
  nlohmann::json entry =
      nlohmann::json::from_cbor(bytes.bytes_begin(), bytes.bytes_end(), true, false);
  // A damaged entry (a disk that filled up, a foreign file) is a miss.
  if (entry.is_discarded() || !entry.is_object() || !entry.contains("key") ||
      !entry.contains("files") || !entry.contains("missing") || !entry.contains("payload") ||
      entry["key"] != key)
    return std::nullopt;
  try {
    if (!unchanged(entry))
      return std::nullopt;
  } catch (const nlohmann::json::exception &) {
    return std::nullopt;
  }
  ++hits_;
  // Recently used: trim() removes the oldest modification times first.
  ::utime(path.c_str(), nullptr);
  return std::move(entry["payload"]);
}

void ResultCache::store(const std::string &key, const UnitInputs &inputs,
                        const nlohmann::json &payload) {
  if (!inputs.complete || inputs.files.empty() || write_failed_)
    return;
  nlohmann::json entry = {
      {"key", key}, {"files", inputs.files}, {"missing", inputs.missing}, {"payload", payload}};
  std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(entry);
  std::string bytes(cbor.begin(), cbor.end());
  bytes += contentDigest(bytes);
  std::string path = pathOf(key);
  llvm::Error e = writeEntry(path, bytes);
  if (e) {
    write_failed_ = true;
    std::string why = llvm::toString(std::move(e));
    if (note_)
      note_("cannot write the result cache in " + dir_ + ": " + why +
            "; the run goes on without storing results");
    return;
  }
  written_ += bytes.size();
}

/// `dir`, created if missing, when it is a directory of this user that no
/// one else can write to; its parent has been checked already.
llvm::Error ResultCache::ownDirectory(const std::string &dir) {
  if (checked_dirs_.count(dir))
    return llvm::Error::success();
  if (std::error_code ec = llvm::sys::fs::create_directory(dir, /*IgnoreExisting=*/true,
                                                           llvm::sys::fs::perms::owner_all))
    return llvm::createStringError(dir + ": " + ec.message());
  if (auto why = untrustedDirectory(dir, /*follow=*/false))
    return llvm::createStringError(dir + ": " + *why);
  checked_dirs_.insert(dir);
  return llvm::Error::success();
}

/// Writes an entry into a fresh temporary file of its directory, then
/// renames it over the entry's name. The temporary is created exclusively
/// and the rename replaces whatever has the name, a link included: nothing
/// planted in the cache is ever opened for writing.
llvm::Error ResultCache::writeEntry(const std::string &path, llvm::StringRef bytes) {
  llvm::StringRef shard = llvm::sys::path::parent_path(path);
  if (llvm::Error e = ownDirectory(llvm::sys::path::parent_path(shard).str()))
    return e;
  if (llvm::Error e = ownDirectory(shard.str()))
    return e;
  int fd;
  llvm::SmallString<256> temporary;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(
          shard + "/entry-%%%%%%%%%%%%.tmp", fd, temporary, llvm::sys::fs::OF_None, 0600))
    return llvm::createStringError(std::string(shard) + ": " + ec.message());
  llvm::sys::RemoveFileOnSignal(temporary);
  std::error_code ec;
  {
    llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
    out << bytes;
    out.close();
    ec = out.error();
    if (ec)
      out.clear_error();
  }
  if (!ec)
    ec = llvm::sys::fs::rename(temporary, path);
  if (ec)
    llvm::sys::fs::remove(temporary);
  llvm::sys::DontRemoveFileOnSignal(temporary);
  if (ec)
    return llvm::createStringError(path + ": " + ec.message());
  return llvm::Error::success();
}

/// Removes the least recently used entries until the cache is under 80% of
/// its limit, so that trimming is not needed again on every run. Links are
/// neither followed nor removed, and a layout directory that is not this
/// user's own is left alone: trimming never deletes outside the cache.
void ResultCache::trim() {
  struct Entry {
    llvm::sys::TimePoint<> used;
    uint64_t size;
    std::string path;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  llvm::SmallString<256> layout(dir_);
  llvm::sys::path::append(layout, kLayout);
  if (untrustedDirectory(std::string(layout), /*follow=*/false))
    return;
  for (llvm::sys::fs::recursive_directory_iterator it(layout, ec, /*follow_symlinks=*/false), end;
       it != end && !ec; it.increment(ec)) {
    llvm::sys::fs::file_status status;
    if (llvm::sys::fs::status(it->path(), status, /*Follow=*/false) ||
        status.type() != llvm::sys::fs::file_type::regular_file ||
        !llvm::StringRef(it->path()).ends_with(".cbor"))
      continue;
    entries.push_back({status.getLastModificationTime(), status.getSize(), it->path()});
    total += status.getSize();
  }
  if (total <= limit_)
    return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.used < b.used; });
  for (const Entry &e : entries) {
    if (total <= limit_ / 5 * 4)
      break;
    if (!llvm::sys::fs::remove(e.path))
      total -= e.size;
  }
}

llvm::Expected<std::unique_ptr<ResultCache>> openResultCache(const CacheLocation &where,
                                                             const NoteSink &note) {
  const std::string &dir = where.dir;
  auto unusable = [&](const std::string &why) -> llvm::Expected<std::unique_ptr<ResultCache>> {
    if (where.named)
      return llvm::createStringError("result cache " + dir + ": " + why +
                                     " (--no-cache runs without it)");
    note("result cache " + dir + ": " + why + "; running without it");
    return nullptr;
  };
  if (buildId().empty())
    return unusable("this build of the tool has no build ID to key results on");
  if (std::error_code ec = llvm::sys::fs::create_directories(dir, /*IgnoreExisting=*/true,
                                                             llvm::sys::fs::perms::owner_all))
    return unusable("cannot create it: " + ec.message());
  if (auto why = untrustedDirectory(dir, /*follow=*/true))
    return unusable(*why + ": whoever else can write to it could plant results; use one "
                           "that is yours alone: owned by you, chmod go-w");
  if (llvm::sys::fs::access(dir, llvm::sys::fs::AccessMode::Write))
    return unusable("not writable");
  return std::make_unique<ResultCache>(dir, where.limit_bytes, note);
}

std::string analysisKey(const std::string &kind, const clang::tooling::CompilationDatabase &db,
                        const std::string &file, const std::string &build_id) {
  // Fields joined with NUL, which none of them can contain.
  std::string key = "sockopt-migrate ";
  key += kLayout;
  key += '\0' + build_id + '\0' + kind + '\0' + file;
  // The driver reads these from the environment: include directories
  // appended to every command (clang/lib/Driver/ToolChains/Clang.cpp,
  // addDirectoryList), and edits to the command line itself
  // (clang/tools/driver/driver.cpp, CCC_OVERRIDE_OPTIONS).
  for (const char *name : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH",
                           "OBJCPLUS_INCLUDE_PATH", "CCC_OVERRIDE_OPTIONS"}) {
    const char *value = std::getenv(name);
    key += '\0' + std::string(name) + '=' + (value ? value : "");
  }
  for (const clang::tooling::CompileCommand &command : db.getCompileCommands(file)) {
    key += '\0' + command.Directory + '\0' + command.Filename;
    for (const std::string &arg : command.CommandLine) {
      key += '\0' + arg;
      // A file named by an -f...-file= option is read by the compiler
      // itself, not through the parse's file system: Kbuild's
      // -frandomize-layout-seed-file=scripts/basic/randstruct.seed sets
      // the layout of every __randomize_layout struct.
      llvm::StringRef option(arg);
      if (option.starts_with("-f") && option.contains("-file=")) {
        llvm::SmallString<256> path(option.split("-file=").second);
        llvm::sys::fs::make_absolute(command.Directory, path);
        auto content = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                                   /*RequiresNullTerminator=*/false);
        key += '\0' + (content ? contentDigest((*content)->getBuffer()) : std::string("absent"));
      }
    }
  }
  return key;
}

} // namespace sockopt
