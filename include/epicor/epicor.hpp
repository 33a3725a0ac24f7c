#pragma once

/// \file
/// Umbrella header: includes every public header of the library.

#include <epicor/error.hpp>
#include <epicor/version.hpp>
