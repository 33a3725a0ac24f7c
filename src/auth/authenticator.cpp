#include <epicor/authenticator.hpp>

namespace epicor {

Authenticator::~Authenticator() = default;

}  // namespace epicor
