// Errors that cross the library edge: every Xapian, ICU or I/O failure becomes one of these with a
// message a user can act on, so the CLIs never print a raw exception.
#pragma once

#include <stdexcept>
#include <string>

namespace dsearch {

enum class ErrorKind {
  kUsage,        // bad option or query syntax
  kNoIndex,      // the index does not exist yet
  kLocked,       // another dindex holds the write lock
  kData,         // the index or an input is unreadable or corrupt
  kIo,           // the file system refused (disk full, read-only, permissions)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// Throws Error(kind, message) unless `condition` holds (PISA's ensure()).
inline void ensure(bool condition, ErrorKind kind, const std::string& message) {
  if (!condition) throw Error(kind, message);
}

}  // namespace dsearch
