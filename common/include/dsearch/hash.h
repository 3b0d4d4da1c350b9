// Content hashing for change detection on re-index.
#pragma once

#include <string>
#include <string_view>

namespace dsearch {

// XXH3-64 of `data` as 16 lowercase hex digits.
std::string content_hash(std::string_view data);

}  // namespace dsearch
