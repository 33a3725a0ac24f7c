#pragma once

/// \file
/// The memory:// token store.

#include <epicor/token_store.hpp>

#include <memory>
#include <string>

namespace epicor::auth {

/// Opens `memory://name` (shared by name for the life of the process) or
/// plain `memory://` (private to the returned store). `location` must start
/// with "memory://" in any case.
std::unique_ptr<TokenStore> open_memory_token_store(const std::string& location,
                                                    const std::string& client_id);

}  // namespace epicor::auth
