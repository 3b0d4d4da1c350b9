// Data files compiled into the binaries by cmake/embed.cmake.
#pragma once

#include <cstddef>
#include <string_view>

namespace dsearch {

// stopwords/<lang>.txt by file name ("en.txt"); empty when absent.
std::string_view embedded_stopwords(std::string_view file_name);
std::string_view embedded_stopwords_key(std::size_t i);

// common/data/*.tsv by file name; empty when absent.
std::string_view embedded_common_data(std::string_view file_name);
std::string_view embedded_common_data_key(std::size_t i);

}  // namespace dsearch
