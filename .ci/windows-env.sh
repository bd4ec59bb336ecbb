# Sourced by .ci/windows: the environment that cross-builds thidua for Windows on Debian with
# Debian's own Rust (rustc-web, cargo-web, rust-web-src) and mingw-w64, no toolchain download.
# The standard library is built from rust-web-src (-Zbuild-std), which needs RUSTC_BOOTSTRAP=1
# on a stable compiler. Crates that compile C (mimalloc, ring, libdeflate, zlib) use mingw's gcc.
export WIN_TARGET=x86_64-pc-windows-gnu
export WIN_CARGO=/usr/bin/cargo
export RUSTC=/usr/bin/rustc
export RUSTDOC=/usr/bin/rustdoc
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export RANLIB_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ranlib
export WINDRES_x86_64_pc_windows_gnu=x86_64-w64-mingw32-windres
# Its own target folder: the Linux builds (rustup's compiler) keep theirs.
export WIN_TARGET_DIR="${WIN_TARGET_DIR:-target/windows}"
win_cargo() {
  local sub="$1"
  shift
  "$WIN_CARGO" "$sub" -Zbuild-std --target "$WIN_TARGET" --target-dir "$WIN_TARGET_DIR" "$@"
}
# CI builds once, from scratch, and never debugs the result: no debug info (less to compile,
# write and link) and no incremental cache. With these, .ci/windows on a clean clone took 368 s
# on 2 quiet cores (2026-12-06), within the step's budget of about 8 minutes.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-0}"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
