// Where things live by default (XDG base directories).
#pragma once

#include <string>

namespace dsearch {

// The index path: `flag` if given, else $DSEARCH_DB, else $XDG_DATA_HOME/dsearch/index
// (default ~/.local/share/dsearch/index).
std::string index_path(const std::string& flag);

}  // namespace dsearch
