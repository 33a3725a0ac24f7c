#!/usr/bin/env bash
# Installs the build and test dependencies from the system's package manager.
# Debian and Ubuntu are installed with apt (through sudo when not root); on
# other systems the script prints the package names and stops.
set -euo pipefail

debian_packages=(
  build-essential cmake ninja-build pkg-config git
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libpugixml-dev
  libcpp-httplib-dev libcli11-dev libgtest-dev libgmock-dev
  zlib1g-dev clang libclang-rt-dev curl
  chromium
  # llvm-symbolizer, for file:line stack traces in the fuzz stage's crash reports.
  llvm
)

if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091
  . /etc/os-release
fi

case " ${ID:-} ${ID_LIKE:-} " in
  *" debian "*|*" ubuntu "*)
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then
      if ! command -v sudo >/dev/null; then
        echo "install-deps: run as root or install sudo" >&2
        exit 1
      fi
      sudo_cmd=(sudo)
    fi
    missing=()
    for package in "${debian_packages[@]}"; do
      if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
      fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
      echo "install-deps: all packages present"
      exit 0
    fi
    echo "install-deps: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    ;;
  *)
    cat >&2 <<'MSG'
install-deps: this script installs packages on Debian and Ubuntu only.
Install these with your package manager, then run the build again:
  Fedora:   dnf install cmake ninja-build gcc-c++ libcurl-devel openssl-devel json-devel
            pugixml-devel cpp-httplib-devel cli11-devel gtest-devel gmock-devel
  Homebrew: brew install cmake ninja curl openssl nlohmann-json pugixml cpp-httplib cli11 googletest
  vcpkg:    vcpkg install curl openssl nlohmann-json pugixml cpp-httplib cli11 gtest
MSG
    exit 1
    ;;
esac
