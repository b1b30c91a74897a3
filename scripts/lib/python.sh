# shellcheck shell=bash
# Debian's Python gRPC packages for the integration tests' second independent client
# (tests/Integration.Tests/Interop/python). Sourced, not executed.

# Debian's interpreter by path: python3 on PATH may be a pyenv build that does not see
# /usr/lib/python3/dist-packages, where python3-grpcio and python3-grpc-tools install.
PYTHON_DEBIAN=/usr/bin/python3

python_grpc_importable() {
    env -u PYTHONPATH -u PYTHONHOME PYTHONNOUSERSITE=1 \
        "$PYTHON_DEBIAN" -c 'import grpc, grpc_tools.protoc' >/dev/null 2>&1
}

# Installs python3-grpcio and python3-grpc-tools (python3 comes with them) unless Debian's
# python3 already imports grpc and grpc_tools, then checks that it does.
python_grpc_ensure_installed() {
    if ! python_grpc_importable; then
        apt_install python3-grpcio python3-grpc-tools
    fi
    python_grpc_importable \
        || die "$PYTHON_DEBIAN cannot import grpc and grpc_tools.protoc after installing python3-grpcio python3-grpc-tools"
}
