#include "runner/BuildId.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

#include <cstring>
#include <link.h>

namespace sockopt {

namespace {

/// dl_iterate_phdr() visits the executable first: its PT_NOTE segments hold
/// the NT_GNU_BUILD_ID note when the linker wrote one (--build-id).
int readBuildId(struct dl_phdr_info *info, size_t, void *data) {
  auto *id = static_cast<std::string *>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &segment = info->dlpi_phdr[i];
    if (segment.p_type != PT_NOTE)
      continue;
    const char *p = reinterpret_cast<const char *>(info->dlpi_addr + segment.p_vaddr);
    const char *end = p + segment.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto *note = reinterpret_cast<const ElfW(Nhdr) *>(p);
      const char *name = p + sizeof(*note);
      const char *desc = name + ((note->n_namesz + 3) & ~3u);
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && !std::memcmp(name, "GNU", 4)) {
        *id = llvm::toHex(llvm::StringRef(desc, note->n_descsz), /*LowerCase=*/true);
        return 1;
      }
      p = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return 1;
}

std::string computeBuildId() {
  std::string id;
  dl_iterate_phdr(readBuildId, &id);
  if (!id.empty())
    return id;
  auto self = llvm::MemoryBuffer::getFile("/proc/self/exe", /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!self)
    return "";
  llvm::XXH128_hash_t h = llvm::xxh3_128bits(llvm::arrayRefFromStringRef((*self)->getBuffer()));
  return "exe-" + llvm::utohexstr(h.high64, true, 16) + llvm::utohexstr(h.low64, true, 16);
}

} // namespace

const std::string &buildId() {
  static const std::string id = computeBuildId();
  return id;
}

} // namespace sockopt
