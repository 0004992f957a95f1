// The subject prefix a patch to a file gets, in the style of that
// directory's git history ("af_packet:", "can: raw:", "Bluetooth: SCO:").
#pragma once

#include <string>

namespace sockopt {

std::string subjectPrefix(const std::string &relative_path);

} // namespace sockopt
