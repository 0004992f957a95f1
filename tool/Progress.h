// A one-line progress display on stderr, shown only when stderr is a
// terminal so logs and CI output stay clean.
#pragma once

#include <cstddef>
#include <string>

namespace sockopt {

class Progress {
public:
  Progress();
  ~Progress();
  void update(size_t done, size_t total, const std::string &what);
  /// Erases the line, before the command prints anything else.
  void clear();

private:
  bool enabled_;
  bool drawn_ = false;
};

} // namespace sockopt
