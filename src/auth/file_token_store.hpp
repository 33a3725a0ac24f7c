#pragma once

/// \file
/// The encrypted settings file store.

#include <epicor/token_store.hpp>

#include <memory>
#include <string>

namespace epicor::auth {

/// Opens the settings file at `path`. `create_parents` lets the first write
/// create every missing folder on the way (used for the default path);
/// otherwise only the file's own folder is created. Derives the file key
/// now; reads nothing yet.
std::unique_ptr<TokenStore> open_file_token_store(const std::string& path, const TokenStoreKey& key,
                                                  const std::string& client_id,
                                                  const TokenStoreOptions& options,
                                                  bool create_parents);

}  // namespace epicor::auth
