// Data files of indexer/data/, compiled into the library by cmake/embed.cmake.
#pragma once

#include <string_view>

namespace dsearch {

// The bytes of indexer/data/<file_name>, or empty when there is no such file.
std::string_view embedded_indexer_data(std::string_view file_name);

}  // namespace dsearch
